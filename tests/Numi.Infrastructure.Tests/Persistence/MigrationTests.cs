using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

public sealed class MigrationTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrating_an_empty_database_twice_is_a_no_op(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        }
        IReadOnlyList<string> before;
        await using (var db = database.CreateContext())
            before = await SchemaReader.ReadAsync(db, provider);

        await using (var db = database.CreateContext())
            await db.Database.MigrateAsync();

        await using var check = database.CreateContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        Assert.EndsWith("_Initial", (await check.Database.GetAppliedMigrationsAsync()).First());
        Assert.Equal(before, await SchemaReader.ReadAsync(check, provider));
    }

    /// <summary>The snapshot of each provider's migration set matches the model: nothing is left to scaffold.</summary>
    [Theory, MemberData(nameof(Providers.Offline), MemberType = typeof(Providers))]
    public void The_model_has_no_changes_missing_from_the_migrations(DatabaseProvider provider)
    {
        using var db = NumiDbContexts.Create(Offline(provider));
        Assert.True(!db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes no migration holds: run scripts/add-migration NAME.");
    }

    /// <summary>EF picks migrations by context type: each provider's context sees its own set and snapshot only.</summary>
    [Theory, MemberData(nameof(Providers.Offline), MemberType = typeof(Providers))]
    public void Each_provider_uses_only_its_own_migrations(DatabaseProvider provider)
    {
        using var db = NumiDbContexts.Create(Offline(provider));
        var migrations = db.GetService<IMigrationsAssembly>();
        var folder = $"Numi.Infrastructure.Persistence.Migrations.{provider}";
        Assert.NotEmpty(migrations.Migrations);
        Assert.All(migrations.Migrations.Values, type => Assert.Equal(folder, type.Namespace));
        Assert.Equal(folder, migrations.ModelSnapshot!.GetType().Namespace);
    }

    /// <summary>Nothing is opened: building the model, reading snapshots and generating SQL need no server.</summary>
    internal static DatabaseOptions Offline(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => SqlServerMigrationScript.Offline,
        DatabaseProvider.Postgres => new(provider, "Host=unused.invalid;Database=numi", Path.GetTempPath()),
        _ => new(provider, "Data Source=unused.db", Path.GetTempPath()),
    };
}
