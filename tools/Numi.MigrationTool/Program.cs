using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Persistence;

// scripts/add-migration runs this. "add NAME" scaffolds the migration NAME for every provider, each into its own
// folder with its own model snapshot; "script" rewrites the committed idempotent SQL Server script (run it after
// "add", in a fresh process, so the new migration is compiled in).
var root = FindRoot();
switch (args)
{
    case ["add", var name]:
        // One id for the three sets, so a migration has the same name on every provider.
        var id = new SharedMigrationId(DateTime.UtcNow);
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
            Add(provider, name, id, root);
        return 0;
    case ["script"]:
        var path = Path.Combine(root, SqlServerMigrationScript.RelativePath);
        File.WriteAllText(path, SqlServerMigrationScript.Generate());
        Console.WriteLine($"wrote {Path.GetRelativePath(root, path)}");
        return 0;
    default:
        Console.Error.WriteLine("usage: Numi.MigrationTool add NAME | script");
        return 2;
}

static void Add(DatabaseProvider provider, string name, SharedMigrationId id, string root)
{
    // No connection is opened: scaffolding compares the model with the provider's last snapshot.
    var connection = provider switch
    {
        DatabaseProvider.Postgres => "Host=unused.invalid;Database=numi",
        DatabaseProvider.SqlServer => SqlServerMigrationScript.Offline.ConnectionString,
        _ => "Data Source=numi.db",
    };
    using var context = NumiDbContexts.Create(new DatabaseOptions(provider, connection, Path.GetTempPath()));

    var services = new ServiceCollection();
    // In the order the dotnet-ef command uses: the context's own services first, so the provider's only fill gaps.
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    ProviderDesignTimeServices(context).ConfigureDesignTimeServices(services);
    services.AddSingleton<IMigrationsIdGenerator>(id);
    using var designTime = services.BuildServiceProvider();

    var scaffolder = designTime.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "Numi.Infrastructure", $"Persistence.Migrations.{provider}", "C#");
    var project = Path.Combine(root, "Numi.Infrastructure");
    var files = scaffolder.Save(project, migration, Path.Combine(project, "Persistence", "Migrations", provider.ToString()));
    Console.WriteLine($"{provider}: {Path.GetRelativePath(root, files.MigrationFile!)}");
}

// The provider names its design-time services in an assembly attribute, as the dotnet-ef command reads it.
static IDesignTimeServices ProviderDesignTimeServices(DbContext context)
{
    var assembly = Assembly.Load(new AssemblyName(context.Database.ProviderName!));
    var typeName = assembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!.TypeName;
    return (IDesignTimeServices)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!)!;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Numi.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run this inside the Numi repository (no Numi.sln found above the current folder).");
}

/// <summary>EF's id format (UTC <c>yyyyMMddHHmmss_Name</c>) with one timestamp for every provider's migration.</summary>
internal sealed partial class SharedMigrationId(DateTime utcNow) : IMigrationsIdGenerator
{
    private const string Format = "yyyyMMddHHmmss";
    private readonly string _timestamp = utcNow.ToString(Format, System.Globalization.CultureInfo.InvariantCulture);

    public string GenerateId(string name) => _timestamp + "_" + name;
    public string GetName(string id) => id[(Format.Length + 1)..];
    public bool IsValidId(string value) => IdPattern().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{14}_.+$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();
}
