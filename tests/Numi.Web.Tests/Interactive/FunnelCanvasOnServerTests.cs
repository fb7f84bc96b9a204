using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;
using Numi.Web.Features.Funnels;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The canvas's server data against the real database: a step's A/B test edited as the side panel sends it,
/// each answer equal to the funnel read afresh (the answer is built from the funnel the change saved, not read again).</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelCanvasOnServerTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<(IFunnelCanvasData Data, string FunnelId)> NewFunnelAsync()
    {
        UseApp(factory, await factory.PrincipalAsync(await factory.SignUpPersonAsync()));
        Services.AddScoped<IFunnelCanvasData, FunnelCanvasOnServer>();
        RenderInteractive<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var grid = Render<FunnelsGrid>();
        await FunnelsGridTests.CreateAsync(grid, dialogs, "Variant journey");
        grid.WaitForAssertion(() => Assert.Matches(@"/funnels/fnl_[a-z0-9]+$", Navigation.Uri));
        return (Services.GetRequiredService<IFunnelCanvasData>(), Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Saves <paramref name="change"/> from the funnel's revision and checks the answer is what a fresh read sees.</summary>
    private static async Task<FunnelDetails> SaveAsync(IFunnelCanvasData data, string funnelId, FunnelChange change)
    {
        var before = (await data.ReadAsync(funnelId, CancellationToken.None))!;
        var result = await data.ChangeAsync(funnelId, change with { Revision = before.Revision }, CancellationToken.None);
        Assert.Null(result.Problem);
        var reread = (await data.ReadAsync(funnelId, CancellationToken.None))!;
        Assert.Equal(Json(reread), Json(result.Funnel!));
        return reread;
    }

    private static string Json(FunnelDetails funnel) => System.Text.Json.JsonSerializer.Serialize(funnel, Numi.Contracts.WireJson.Lenient);

    [Fact]
    public async Task A_variant_is_added_weighted_given_content_removed_and_undone_through_the_canvas_changes()
    {
        var (data, id) = await NewFunnelAsync();
        var landing = (await SaveAsync(data, id, new(FunnelChangeKind.AddStep, Type: "landing"))).Steps[0].Key;

        var added = await SaveAsync(data, id, new(FunnelChangeKind.AddVariant, Step: landing, VariantUpdate: new VariantRequest { Name = "Bold", Weight = 50 }));
        var variant = Assert.Single(added.Steps[0].Variants);
        Assert.Equal(("Bold", 50, "running"), (variant.Name, variant.Weight, added.Steps[0].Test.Status));

        await SaveAsync(data, id, new(FunnelChangeKind.UpdateStep, Step: landing, Update: new UpdateStepRequest { ControlWeight = 60 }));
        var weighted = await SaveAsync(data, id, new(FunnelChangeKind.UpdateVariant, Step: landing, Variant: variant.Key,
            VariantUpdate: new VariantRequest { Weight = 40, Blocks = [new("headline", Text: "Bolder coffee")] }));
        Assert.Equal((60, 40, "Bold", "Bolder coffee"),
            (weighted.Steps[0].ControlWeight, weighted.Steps[0].Variants[0].Weight, weighted.Steps[0].Variants[0].Name, weighted.Steps[0].Variants[0].Blocks[0].Text));

        var removed = await SaveAsync(data, id, new(FunnelChangeKind.RemoveVariant, Step: landing, Variant: variant.Key));
        Assert.Empty(removed.Steps[0].Variants);
        var undone = await SaveAsync(data, id, new(FunnelChangeKind.Undo));
        Assert.Equal("Bolder coffee", Assert.Single(undone.Steps[0].Variants).Blocks[0].Text);
    }

    [Fact]
    public async Task A_refused_variant_says_why_and_changes_nothing()
    {
        var (data, id) = await NewFunnelAsync();
        var funnel = await SaveAsync(data, id, new(FunnelChangeKind.AddStep, Type: "landing"));

        var result = await data.ChangeAsync(id, new(FunnelChangeKind.AddVariant, funnel.Revision, funnel.Steps[0].Key,
            VariantUpdate: new VariantRequest { Name = " ", Weight = 0 }), CancellationToken.None);

        Assert.Null(result.Funnel);
        Assert.Equal(400, result.Problem!.Status);
        Assert.Equal(funnel.Revision, (await data.ReadAsync(id, CancellationToken.None))!.Revision);
    }
}
