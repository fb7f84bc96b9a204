using Microsoft.EntityFrameworkCore;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>On the engines that run here, the generated migrations build exactly the schema that EnsureCreated builds
/// from the model: the snapshot check (MigrationTests) compares models, this one compares the real databases.</summary>
public sealed class SchemaEquivalenceTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrations_build_the_same_schema_as_the_model(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider);

        await using var fromMigrations = migrated.CreateContext();
        await fromMigrations.Database.MigrateAsync();
        await using var fromModel = created.CreateContext();
        Assert.True(await fromModel.Database.EnsureCreatedAsync());

        var migratedSchema = await SchemaReader.ReadAsync(fromMigrations, provider);
        var modelSchema = await SchemaReader.ReadAsync(fromModel, provider);

        // Not vacuous: every table of the model is there.
        foreach (var table in fromModel.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
            Assert.Contains($"table {table}", modelSchema);

        var onlyMigrated = migratedSchema.Except(modelSchema).ToList();
        var onlyModel = modelSchema.Except(migratedSchema).ToList();
        Assert.True(onlyMigrated.Count == 0 && onlyModel.Count == 0,
            "The migration and the model differ.\nOnly after Migrate():\n  " + string.Join("\n  ", onlyMigrated) +
            "\nOnly after EnsureCreated():\n  " + string.Join("\n  ", onlyModel));
    }
}
