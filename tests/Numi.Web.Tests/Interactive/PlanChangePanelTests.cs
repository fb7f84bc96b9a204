using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Subscriptions;
using Numi.Web.Features.Subscriptions;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Subscriptions;

namespace Numi.Web.Tests.Interactive;

/// <summary>The subscription page's "Change plan": the proration preview, a confirmation dialog, and a decline shown under the plan with nothing changed.</summary>
[Collection(AppCollection.Name)]
public sealed class PlanChangePanelTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    /// <summary>A $22.00 monthly subscriber, with a Pro plan ($44.00 monthly) and a Yearly plan beside it.</summary>
    private async Task<(CircuitPerson Person, string Id, HttpClient Api)> SubscribedAsync()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SubscribeAsync(person, "ana@example.com");
        var id = await factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.OrganizationId == person.OrganizationId)
            .Select(s => s.Id).SingleAsync());
        var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(person.OrganizationId));
        await PlanChangeApiTests.PlanAsync(api, 4_400);
        await PlanChangeApiTests.YearlyPlanAsync(api);
        return (person, Core.Common.PublicId.Format(Core.Common.IdPrefixes.Subscription, id), api);
    }

    private async Task<IRenderedComponent<SubscriptionView>> PreviewProAsync(CircuitPerson person, string id)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        var view = RenderInteractive<SubscriptionView>(p => p.Add(x => x.Id, id));
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindComponents<MudSelect<Guid?>>()));
        var select = view.FindComponent<MudSelect<Guid?>>();
        var pro = await factory.WithDbAsync(db => db.Plans.IgnoreQueryFilters().Where(p => p.OrganizationId == person.OrganizationId && p.Name == "Pro").Select(p => p.Id).SingleAsync());
        await view.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(pro));
        view.Find("[data-testid=plan-change-preview]").Click();
        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=plan-change-lines]")));
        return view;
    }

    private Task<Subscription> StoredAsync(CircuitPerson person) =>
        factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.OrganizationId == person.OrganizationId));

    [Fact]
    public async Task Previewing_then_confirming_charges_the_proration_and_the_timeline_shows_the_change()
    {
        var (person, id, api) = await SubscribedAsync();
        using var _api = api;
        var view = await PreviewProAsync(person, id);

        var lines = view.Find("[data-testid=plan-change-lines]").TextContent;
        Assert.Contains("Unused time on Coffee Club", lines);
        Assert.Contains("Remaining time on Pro", lines);
        Assert.Equal("$22.00", view.Find("[data-testid=plan-change-total]").TextContent.Trim());
        Assert.Contains("Then $44.00 from", view.Find("[data-testid=plan-change-next]").TextContent);
        Assert.Equal(2_200, (await StoredAsync(person)).Amount);

        view.Find("[data-testid=plan-change-confirm]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Change to Pro?", _dialogs.Markup));
        Assert.Contains("$22.00 is charged now", _dialogs.Markup);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Change plan").Click();

        view.WaitForAssertion(() => Assert.Contains("Plan changed", view.Find("[data-testid=timeline-event]").TextContent));
        Assert.Contains("Coffee Club → Pro: $22.00 charged on INV-", view.Find("[data-testid=timeline-event]").TextContent);
        Assert.Equal(4_400, (await StoredAsync(person)).Amount);
        Assert.Equal("Pro", view.Find("[data-testid=subscription-plan]").TextContent.Trim());
    }

    [Fact]
    public async Task A_declined_change_shows_the_decline_under_the_plan_and_changes_nothing()
    {
        var (person, id, api) = await SubscribedAsync();
        using var _api = api;
        await api.PostOkAsync($"/api/v1/subscriptions/{id}/payment_method", """{"payment_method":"pm_card_chargeCustomerFail"}""");
        var view = await PreviewProAsync(person, id);

        view.Find("[data-testid=plan-change-confirm]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Change to Pro?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Change plan").Click();

        view.WaitForAssertion(() => Assert.Contains("declined", view.Find("[data-testid=plan-change]").TextContent));
        var stored = await StoredAsync(person);
        Assert.Equal((2_200L, SubscriptionStatus.Active), (stored.Amount, stored.Status));
        Assert.All(view.FindAll("[data-testid=timeline-event]"), e => Assert.DoesNotContain("Plan changed", e.TextContent));
    }
}
