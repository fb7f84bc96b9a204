using Numi.Core.Common;
using Numi.Core.Funnels;

namespace Numi.Core.Tests.Funnels;

public sealed class FunnelTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static Funnel NewFunnel() => Funnel.Create(Guid.CreateVersion7(), "  Spring sale ", " Spring-Sale ", Now);

    private static IReadOnlyList<FunnelStepType> Types(Funnel funnel) => [.. funnel.OrderedSteps.Select(s => s.Type)];

    [Fact]
    public void Create_starts_a_draft_at_revision_1_with_a_normalized_slug()
    {
        var funnel = NewFunnel();
        Assert.Equal(("Spring sale", "spring-sale", FunnelStatus.Draft, 1), (funnel.Name, funnel.Slug, funnel.Status, funnel.Revision));
        Assert.StartsWith("fnl_", funnel.PublicId, StringComparison.Ordinal);
        Assert.Null(funnel.PublishedVersionId);
    }

    [Fact]
    public void Steps_are_added_at_a_position_with_default_names_and_unique_keys()
    {
        var funnel = NewFunnel();
        funnel.AddStep(FunnelStepType.Checkout, null, null);
        funnel.AddStep(FunnelStepType.ThankYou, null, null);
        var landing = funnel.AddStep(FunnelStepType.Landing, "Welcome", 0).Value;

        Assert.Equal([FunnelStepType.Landing, FunnelStepType.Checkout, FunnelStepType.ThankYou], Types(funnel));
        Assert.Equal("Welcome", landing.Name);
        Assert.Equal("Checkout", funnel.OrderedSteps.ElementAt(1).Name);
        Assert.Matches("^step_[0-9a-f]{8}$", landing.Key);
        Assert.Equal(3, funnel.Steps.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public void A_funnel_holds_at_most_20_steps()
    {
        var funnel = NewFunnel();
        for (var i = 0; i < Funnel.MaxSteps; i++) Assert.True(funnel.AddStep(FunnelStepType.Landing, null, null).Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, funnel.AddStep(FunnelStepType.Landing, null, null).FirstError.Code);
    }

    [Fact]
    public void Move_puts_a_step_at_an_index_clamped_to_the_funnel()
    {
        var funnel = NewFunnel();
        var a = funnel.AddStep(FunnelStepType.Landing, "A", null).Value;
        funnel.AddStep(FunnelStepType.Checkout, "B", null);
        funnel.AddStep(FunnelStepType.ThankYou, "C", null);

        funnel.MoveStep(a.Key, 1);
        Assert.Equal(["B", "A", "C"], funnel.OrderedSteps.Select(s => s.Name));
        funnel.MoveStep(a.Key, 99);
        Assert.Equal(["B", "C", "A"], funnel.OrderedSteps.Select(s => s.Name));
        funnel.MoveStep(a.Key, -5);
        Assert.Equal(["A", "B", "C"], funnel.OrderedSteps.Select(s => s.Name));
        Assert.Equal(ErrorCodes.ResourceMissing, funnel.MoveStep("step_nothere", 0).FirstError.Code);
    }

    [Fact]
    public void Duplicate_inserts_a_copy_after_the_original_with_a_new_key()
    {
        var funnel = NewFunnel();
        var landing = funnel.AddStep(FunnelStepType.Landing, "A", null).Value;
        funnel.AddStep(FunnelStepType.Checkout, "B", null);
        landing.Set(new StepFields("A", Blocks: [new ContentBlock(ContentBlockType.Headline, "Hello")]));

        var copy = funnel.DuplicateStep(landing.Key).Value;

        Assert.Equal(["A", "A", "B"], funnel.OrderedSteps.Select(s => s.Name));
        Assert.NotEqual(landing.Key, copy.Key);
        Assert.Equal(landing.Blocks, copy.Blocks);
    }

    [Fact]
    public void Remove_closes_the_gap()
    {
        var funnel = NewFunnel();
        var a = funnel.AddStep(FunnelStepType.Landing, "A", null).Value;
        funnel.AddStep(FunnelStepType.Checkout, "B", null);
        Assert.True(funnel.RemoveStep(a.Key).Succeeded);
        Assert.Equal(0, Assert.Single(funnel.Steps).SortOrder);
    }

    [Fact]
    public void Revisions_are_checked_and_counted()
    {
        var funnel = NewFunnel();
        Assert.Null(funnel.CheckRevision(1));
        funnel.DraftChanged(Now);
        var stale = funnel.CheckRevision(1);
        Assert.Equal(ErrorCodes.StateConflict, stale!.Code);
        Assert.Equal("revision", stale.Param);
        Assert.Equal("This funnel was changed in another window (now at revision 2). Reload to see the latest version.", stale.Message);
    }

    [Fact]
    public void Publish_archive_and_restore()
    {
        var funnel = NewFunnel();
        Assert.Equal(ErrorCodes.StateConflict, funnel.Restore().FirstError.Code);
        Assert.True(funnel.Archive().Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, funnel.MarkPublished(Guid.CreateVersion7()).FirstError.Code);
        Assert.True(funnel.Restore().Succeeded);
        Assert.Equal(FunnelStatus.Draft, funnel.Status);

        var version = Guid.CreateVersion7();
        Assert.True(funnel.MarkPublished(version).Succeeded);
        Assert.Equal((FunnelStatus.Published, version, false), (funnel.Status, funnel.PublishedVersionId, funnel.HasUnpublishedChanges));
        funnel.Archive();
        funnel.Restore();
        Assert.Equal(FunnelStatus.Published, funnel.Status);
    }

    [Fact]
    public void Snapshots_round_trip_through_json_and_restore_the_steps_by_key()
    {
        var funnel = NewFunnel();
        var checkout = funnel.AddStep(FunnelStepType.Checkout, null, null).Value;
        var offer = Guid.CreateVersion7();
        checkout.Set(new StepFields("Pay", offer, Blocks: [new ContentBlock(ContentBlockType.Bullets, Items: ["One", "Two"])], ControlWeight: 60));
        checkout.AddVariant(new VariantFields("Short", 40, [new ContentBlock(ContentBlockType.Headline, "Hi")]));
        var snapshot = funnel.Snapshot();

        var back = FunnelSnapshot.FromJson(snapshot.ToJson());
        Assert.Equal(snapshot.ToJson(), back.ToJson());
        var step = Assert.Single(back.Steps);
        Assert.Equal((checkout.Key, FunnelStepType.Checkout, "Pay", offer, 60), (step.Key, step.Type, step.Name, step.OfferId, step.ControlWeight));
        Assert.Equal(["One", "Two"], step.Blocks[0].Items!);
        Assert.Equal("a", Assert.Single(step.Variants).Key);

        funnel.RemoveStep(checkout.Key);
        funnel.AddStep(FunnelStepType.Landing, null, null);
        funnel.RestoreSteps(back);
        var restored = Assert.Single(funnel.Steps);
        Assert.Equal((checkout.Key, "Pay", 1), (restored.Key, restored.Name, restored.Variants.Count));
        Assert.Equal(StepTestStatus.Running, restored.Test.Status);
    }
}
