using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelDatabase;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>Funnels through the Core handlers on both providers, read back from fresh contexts.</summary>
public sealed class FunnelPersistenceTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_funnel_keeps_its_steps_blocks_and_variants(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, key) = await funnels.ReadyToPublishAsync(seeded.A);
        var blocks = new ContentBlock[]
        {
            new(ContentBlockType.Headline, "Last chance"),
            new(ContentBlockType.Video, Url: "https://youtu.be/dQw4w9WgXcQ"),
            new(ContentBlockType.Bullets, Items: ["Fast", "Fresh"]),
            new(ContentBlockType.Countdown, EndsAt: new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        };
        Succeeded(await funnels.UpdateStepAsync(seeded.A.Id, funnel.Id, 4, key, new StepFields("Pay now", seeded.A.Offer.Id, Blocks: blocks, ControlWeight: 70)));
        Succeeded(await funnels.InAsync(seeded.A.Id, (_, editor) => new AddStepVariantHandler(editor, new VariantFieldsValidator())
            .HandleAsync(new AddStepVariant(funnel.Id, 5, key, new VariantFields("Short page", 30, [new(ContentBlockType.Headline, "Buy")])), default)));

        var loaded = (await funnels.LoadAsync(seeded.A.Id, funnel.Id))!;

        Assert.Equal((6, true, FunnelStatus.Draft), (loaded.Revision, loaded.HasUnpublishedChanges, loaded.Status));
        Assert.Equal([FunnelStepType.Checkout, FunnelStepType.ThankYou], loaded.OrderedSteps.Select(s => s.Type));
        var step = loaded.OrderedSteps.First();
        Assert.Equal((key, "Pay now", seeded.A.Offer.Id, 70), (step.Key, step.Name, step.OfferId, step.ControlWeight));
        Assert.Equal("https://www.youtube.com/embed/dQw4w9WgXcQ", step.Blocks[1].Url);
        Assert.Equal(["Fast", "Fresh"], step.Blocks[2].Items!);
        Assert.Equal(DateTimeKind.Utc, step.Blocks[3].EndsAt!.Value.Kind);
        var variant = Assert.Single(step.Variants);
        Assert.Equal(("a", "Short page", 30, "Buy"), (variant.Key, variant.Name, variant.Weight, variant.OwnBlocks[0].Text));
        Assert.Equal(StepTestStatus.Running, step.Test.Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Versions_are_numbered_per_funnel_and_the_number_is_unique(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, _) = await funnels.ReadyToPublishAsync(seeded.A);

        var first = Succeeded(await funnels.PublishAsync(seeded.A.Id, funnel.Id, 4));
        var second = Succeeded(await funnels.PublishAsync(seeded.A.Id, funnel.Id, 5));
        var (other, _) = await funnels.ReadyToPublishAsync(seeded.A, "Other funnel");
        Succeeded(await funnels.PublishAsync(seeded.A.Id, other.Id, 4));

        var versions = await funnels.InAsync(seeded.A.Id, (db, _) => FunnelQueries.VersionsAsync(db, funnel.Id, default));
        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal(versions[0].Id, second.PublishedVersionId);
        Assert.NotEqual(first.PublishedVersionId, second.PublishedVersionId);
        Assert.False(second.HasUnpublishedChanges);

        await funnels.InAsync(seeded.A.Id, async (db, _) =>
        {
            var loaded = (await FunnelQueries.LoadAsync(db, funnel.Id, default))!;
            db.FunnelVersions.Add(FunnelVersion.Create(loaded, 2, loaded.Snapshot(), TwoOrganizations.Now));
            var error = await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(db.IsUniqueKeyRace(error));
            return 0;
        });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organization_can_neither_see_nor_edit_a_funnel(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, key) = await funnels.ReadyToPublishAsync(seeded.A);

        Assert.Null(await funnels.LoadAsync(seeded.B.Id, funnel.Id));
        var (page, _) = await funnels.InAsync(seeded.B.Id, (db, _) => FunnelQueries.ListAsync(db, null, null, 100, default));
        Assert.DoesNotContain(page, f => f.Id == funnel.Id);
        var edit = await funnels.AddStepAsync(seeded.B.Id, funnel.Id, 4, FunnelStepType.Landing);
        Assert.Equal(ErrorCodes.ResourceMissing, edit.FirstError.Code);
        var publish = await funnels.PublishAsync(seeded.B.Id, funnel.Id, 4);
        Assert.Equal(ErrorCodes.ResourceMissing, publish.FirstError.Code);
        // B's own funnel cannot sell A's offer either: to B it does not exist.
        var (own, ownKey) = await funnels.ReadyToPublishAsync(seeded.B);
        var foreign = await funnels.UpdateStepAsync(seeded.B.Id, own.Id, 4, ownKey, new StepFields("Checkout", seeded.A.Offer.Id));
        Assert.Equal(("offer", "No such offer."), (foreign.FirstError.Param, foreign.FirstError.Message));
        Assert.Equal(4, await funnels.RevisionAsync(seeded.A.Id, funnel.Id));
        Assert.Equal(key, (await funnels.LoadAsync(seeded.A.Id, funnel.Id))!.OrderedSteps.First().Key);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_stale_revision_is_refused_even_when_two_saves_race(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, _) = await funnels.ReadyToPublishAsync(seeded.A);

        var stale = await funnels.AddStepAsync(seeded.A.Id, funnel.Id, 3, FunnelStepType.Landing);
        Assert.Equal((ErrorCodes.StateConflict, "revision"), (stale.FirstError.Code, stale.FirstError.Param));
        Assert.Contains("now at revision 4", stale.FirstError.Message, StringComparison.Ordinal);

        // Both windows read revision 4; the second to save must lose rather than overwrite the first.
        var late = await funnels.InAsync(seeded.A.Id, (_, editor) => editor.EditStepsAsync(funnel.Id, 4, async loaded =>
        {
            Succeeded(await funnels.AddStepAsync(seeded.A.Id, funnel.Id, 4, FunnelStepType.Landing));
            Assert.True(loaded.AddStep(FunnelStepType.Upsell, null, null).Succeeded);
            return Result<Funnel>.Success(loaded);
        }, default));

        Assert.Equal(Funnel.StaleRevision(5), late.FirstError);
        var saved = (await funnels.LoadAsync(seeded.A.Id, funnel.Id))!;
        Assert.Equal(5, saved.Revision);
        Assert.DoesNotContain(saved.Steps, s => s.Type == FunnelStepType.Upsell);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Undo_rollback_and_the_public_lookup(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, key) = await funnels.ReadyToPublishAsync(seeded.A);
        Succeeded(await funnels.PublishAsync(seeded.A.Id, funnel.Id, 4));
        var added = Succeeded(await funnels.AddStepAsync(seeded.A.Id, funnel.Id, 5, FunnelStepType.Landing));
        for (var revision = 6; revision < 6 + FunnelDraftHistory.Kept + 2; revision++)
            Succeeded(await funnels.InAsync(seeded.A.Id, (_, editor) => new MoveFunnelStepHandler(editor)
                .HandleAsync(new MoveFunnelStep(funnel.Id, revision, added.Key, revision % 3), default)));
        var revisionNow = 6 + FunnelDraftHistory.Kept + 2;

        var kept = await funnels.InAsync(seeded.A.Id, (db, _) => db.FunnelDraftHistory.CountAsync(h => h.FunnelId == funnel.Id));
        Assert.Equal(FunnelDraftHistory.Kept, kept);
        var undone = Succeeded(await funnels.InAsync(seeded.A.Id, (_, editor) =>
            new UndoFunnelChangeHandler(editor).HandleAsync(new UndoFunnelChange(funnel.Id, revisionNow), default)));
        Assert.Equal((revisionNow - 2) % 3, undone.OrderedSteps.ToList().FindIndex(s => s.Key == added.Key));

        var rolledBack = Succeeded(await funnels.InAsync(seeded.A.Id, (_, editor) =>
            new RollbackFunnelHandler(editor).HandleAsync(new RollbackFunnel(funnel.Id, revisionNow + 1, 1), default)));
        Assert.Equal(2, rolledBack.Steps.Count);
        Assert.False(rolledBack.HasUnpublishedChanges);

        var published = await funnels.InAsync(seeded.B.Id, (db, _) => db.FindPublishedFunnelAsync("ALPHA", "spring-sale", default));
        Assert.NotNull(published);
        Assert.Equal((seeded.A.Id, 2, rolledBack.PublishedVersionId!.Value), (published.OrganizationId, published.VersionNumber, published.VersionId));
        Assert.Equal([key, published.Snapshot.Steps[1].Key], published.Snapshot.Steps.Select(s => s.Key));

        Succeeded(await funnels.InAsync(seeded.A.Id, (_, editor) =>
            new ArchiveFunnelHandler(editor).HandleAsync(new ArchiveFunnel(funnel.Id, revisionNow + 2), default)));
        Assert.Null(await funnels.InAsync(seeded.B.Id, (db, _) => db.FindPublishedFunnelAsync("alpha", "spring-sale", default)));
    }
}
