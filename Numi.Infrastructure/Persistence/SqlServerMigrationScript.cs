using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Numi.Infrastructure.Persistence;

/// <summary>The idempotent SQL Server script of every migration, committed beside them so reviewers read the DDL that
/// SQL Server would run (no SQL Server engine runs where Numi is built). <c>scripts/add-migration</c> writes it and a
/// test fails when it is out of date. Making it needs no server: the connection string is never opened.</summary>
public static class SqlServerMigrationScript
{
    /// <summary>Relative to the repository root.</summary>
    public const string RelativePath = "Numi.Infrastructure/Persistence/Migrations/SqlServer/numi-sqlserver.sql";

    public static DatabaseOptions Offline { get; } =
        new(DatabaseProvider.SqlServer, "Server=unused.invalid;Database=numi;Integrated Security=false", Path.GetTempPath());

    public static string Generate()
    {
        using var db = NumiDbContexts.Create(Offline);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        return script.ReplaceLineEndings("\n");
    }
}
