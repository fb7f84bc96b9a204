namespace Numi.Core.Tenancy;

/// <summary>The only code that looks past the tenant filter (<c>IgnoreQueryFilters</c>). Everything else reads and
/// writes inside the organization the request or job has entered. Each method here has one purpose, is named for it,
/// and narrows its query to what that purpose needs: a lookup by a secret or a public id a request arrives with, or a
/// job's sweep over every organization. Its partial files group them by who crosses: people signing in, shoppers,
/// jobs. Each method has its isolation test (AcrossTenantsTests), and a source test fails when
/// <c>IgnoreQueryFilters</c> appears anywhere else.</summary>
public static partial class AcrossTenants;
