namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>Looking past the tenant filter happens only in <c>Numi.Core/Tenancy/AcrossTenants*.cs</c>, where each
/// crossing is named for its purpose and tested (AcrossTenantsTests).</summary>
public sealed class TenantFilterBypassTests
{
    [Fact]
    public void IgnoreQueryFilters_appears_in_no_product_code_outside_AcrossTenants()
    {
        var root = RepositoryRoot();
        var offenders = new[] { "Numi.Core", "Numi.Infrastructure", "Numi.Web", "Numi.Web.Client" }
            .Select(project => Path.Combine(root, project))
            .Where(Directory.Exists)
            .SelectMany(project => Directory.EnumerateFiles(project, "*.*", SearchOption.AllDirectories))
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => !Path.GetFileName(file).StartsWith("AcrossTenants", StringComparison.Ordinal))
            .Where(file => File.ReadAllText(file).Contains("IgnoreQueryFilters", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(root, file))
            .ToList();

        Assert.True(offenders.Count == 0, "Cross tenants only through Numi.Core/Tenancy/AcrossTenants: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_helpers_are_where_the_rule_says()
    {
        var helpers = Directory.GetFiles(Path.Combine(RepositoryRoot(), "Numi.Core", "Tenancy"), "AcrossTenants*.cs");

        Assert.Contains(helpers, file => File.ReadAllText(file).Contains("IgnoreQueryFilters", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Numi.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Numi.sln not found above " + AppContext.BaseDirectory);
    }
}
