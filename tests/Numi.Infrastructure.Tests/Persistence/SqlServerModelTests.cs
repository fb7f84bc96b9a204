using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>What can be checked of SQL Server without a server (none runs on these machines): the model it would get,
/// and the DDL its migrations generate, kept in the repository for review.</summary>
public sealed class SqlServerModelTests
{
    [Fact]
    public void The_committed_script_is_what_the_migrations_generate()
    {
        var path = Path.Combine(RepositoryRoot(), SqlServerMigrationScript.RelativePath);
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(committed == SqlServerMigrationScript.Generate(),
            $"{SqlServerMigrationScript.RelativePath} is missing or out of date: run scripts/add-migration --script (its script step) and commit the result.");
    }

    [Fact]
    public void The_script_creates_every_table_with_case_sensitive_text()
    {
        var script = SqlServerMigrationScript.Generate();
        using var db = NumiDbContexts.Create(SqlServerMigrationScript.Offline);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
            Assert.Contains($"CREATE TABLE [{table}]", script);
        Assert.Contains($"[Slug] nvarchar(40) COLLATE {SqlServerNumiDbContext.Collation} NOT NULL", script);
        var model = db.GetService<IDesignTimeModel>().Model; // collations are not kept in the runtime model
        Assert.All(model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(string)),
            p => Assert.Equal(SqlServerNumiDbContext.Collation, p.GetCollation()));
    }

    /// <summary>SQL Server refuses a foreign key that opens a second cascading path to a table (or a cycle); SQLite and
    /// PostgreSQL accept them, so only this check stops one from slipping in.</summary>
    [Theory, MemberData(nameof(Providers.Offline), MemberType = typeof(Providers))]
    public void No_table_is_reached_by_two_cascade_paths(DatabaseProvider provider)
    {
        using var db = NumiDbContexts.Create(MigrationTests.Offline(provider));
        var cascades = db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.SetNull) // what the database does itself
            .Select(fk => (From: fk.PrincipalEntityType.GetTableName()!, To: fk.DeclaringEntityType.GetTableName()!, Name: fk.GetConstraintName()))
            .ToList();
        Assert.NotEmpty(cascades);

        foreach (var root in cascades.Select(c => c.From).Distinct())
        {
            // Every cascading path from the root, walked depth-first; a table met twice has two paths (or a cycle).
            var reached = new Dictionary<string, string>();
            void Walk(string table, string path)
            {
                foreach (var edge in cascades.Where(c => c.From == table))
                {
                    var next = $"{path} -> {edge.To} ({edge.Name})";
                    Assert.False(reached.TryGetValue(edge.To, out var earlier),
                        $"{edge.To} is reached twice by cascading deletes from {root}:\n  {earlier}\n  {next}");
                    reached[edge.To] = next;
                    Walk(edge.To, next);
                }
            }
            Walk(root, root);
        }
    }

    /// <summary>Unique indexes over nullable columns are filtered in each provider's own quoting, so NULLs never collide
    /// (SQL Server would otherwise allow one NULL only).</summary>
    [Theory]
    [InlineData(DatabaseProvider.SqlServer, "[{0}] IS NOT NULL")]
    [InlineData(DatabaseProvider.Sqlite, "\"{0}\" IS NOT NULL")]
    [InlineData(DatabaseProvider.Postgres, "\"{0}\" IS NOT NULL")]
    public void Nullable_unique_columns_have_filtered_indexes(DatabaseProvider provider, string filter)
    {
        using var db = NumiDbContexts.Create(MigrationTests.Offline(provider));
        var indexes = db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes())
            .Where(i => i.IsUnique && i.Properties.Any(p => p.IsNullable)).ToList();
        Assert.Contains(indexes, i => i.Properties.Any(p => p.Name == "NormalizedLookupKey"));
        Assert.All(indexes, i => Assert.Equal(
            string.Join(" AND ", i.Properties.Where(p => p.IsNullable).Select(p => string.Format(filter, p.GetColumnName()))),
            i.GetFilter()));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Numi.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository: Numi.sln not found above " + AppContext.BaseDirectory);
    }
}
