using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelDatabase;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>A new traffic split saved as one change on both providers: read back from a fresh context, taken back
/// whole by one Undo, refused without a trace when stale, wrong, or asked by another organization.</summary>
public sealed class StepWeightsPersistenceTests
{
    private static Task<Result<Funnel>> SetAsync(FunnelDatabase funnels, Guid organizationId, Guid funnelId, int revision, string key, int control, int a) =>
        funnels.InAsync(organizationId, (_, editor) => new SetStepWeightsHandler(editor)
            .HandleAsync(new SetStepWeights(funnelId, revision, key, new Dictionary<string, int> { ["control"] = control, ["a"] = a }), default));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_split_is_one_change_that_one_undo_takes_back(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, key, published) = await funnels.PublishedWithVariantAsync(seeded.A);
        Succeeded(await funnels.UpdateStepAsync(seeded.A.Id, funnel.Id, published.Revision, key, new StepFields("Checkout", seeded.A.Offer.Id, ControlWeight: 50)));
        var before = published.Revision + 1;

        Succeeded(await SetAsync(funnels, seeded.A.Id, funnel.Id, before, key, 30, 70));

        var saved = (await funnels.LoadAsync(seeded.A.Id, funnel.Id))!;
        var step = saved.FindStep(key)!;
        Assert.Equal((before + 1, 30, 70, "Short"), (saved.Revision, step.ControlWeight, step.Variants[0].Weight, step.Variants[0].Name));

        var undone = Succeeded(await funnels.InAsync(seeded.A.Id, (_, editor) =>
            new UndoFunnelChangeHandler(editor).HandleAsync(new UndoFunnelChange(funnel.Id, before + 1), default)));
        Assert.Equal((50, 50), (undone.FindStep(key)!.ControlWeight, undone.FindStep(key)!.Variants[0].Weight));
        var reread = (await funnels.LoadAsync(seeded.A.Id, funnel.Id))!.FindStep(key)!;
        Assert.Equal((50, 50), (reread.ControlWeight, reread.Variants[0].Weight));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_wrong_stale_or_foreign_split_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, key, published) = await funnels.PublishedWithVariantAsync(seeded.A);
        var revision = published.Revision;

        var wrong = await SetAsync(funnels, seeded.A.Id, funnel.Id, revision, key, 60, 60);
        Assert.Equal(("weights", "The weights add up to 120; they must add up to 100."), (wrong.FirstError.Param, wrong.FirstError.Message));
        var stale = await SetAsync(funnels, seeded.A.Id, funnel.Id, revision - 1, key, 40, 60);
        Assert.Equal((ErrorCodes.StateConflict, "revision"), (stale.FirstError.Code, stale.FirstError.Param));
        var foreign = await SetAsync(funnels, seeded.B.Id, funnel.Id, revision, key, 40, 60);
        Assert.Equal(ErrorCodes.ResourceMissing, foreign.FirstError.Code);

        var saved = (await funnels.LoadAsync(seeded.A.Id, funnel.Id))!;
        Assert.Equal((revision, 100, 50), (saved.Revision, saved.FindStep(key)!.ControlWeight, saved.FindStep(key)!.Variants[0].Weight));
    }
}
