using Numi.Core.Common;

namespace Numi.Bench.Renewals;

/// <summary>The public address the web host gives the jobs (Numi:PublicUrl there): the renewal's notices after a last
/// retry link to the portal, so the sweep needs one even though the bench sends no email.</summary>
internal sealed class BenchLinks : IPublicLinks
{
    public string Absolute(string pathAndQuery) => "http://localhost:5080/" + pathAndQuery;
}
