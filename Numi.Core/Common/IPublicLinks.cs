namespace Numi.Core.Common;

/// <summary>Absolute links to Numi's own pages, for what is sent outside a request (a job's email): from the
/// configured public address, never a request's Host header.</summary>
public interface IPublicLinks
{
    string Absolute(string pathAndQuery);
}
