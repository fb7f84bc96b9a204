using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Subscriptions;
using Numi.Web.Features.Subscriptions;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The subscription page against the real database: its details and timeline (newest first, from/to status,
/// detail, note), actions that ask first and run the lifecycle handler, refusals shown, and only the person's own
/// organization.</summary>
[Collection(AppCollection.Name)]
public sealed class SubscriptionViewTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private async Task<(CircuitPerson Person, string Id)> SubscribedAsync()
    {
        var person = await factory.SignUpPersonAsync();
        var order = await factory.SubscribeAsync(person, "ana@example.com");
        var id = await factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.OrganizationId == person.OrganizationId)
            .Select(s => s.Id).SingleAsync());
        return (person, Core.Common.PublicId.Format(Core.Common.IdPrefixes.Subscription, id));
    }

    private async Task<IRenderedComponent<SubscriptionView>> OpenAsync(CircuitPerson person, string id)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        var view = RenderInteractive<SubscriptionView>(p => p.Add(x => x.Id, id));
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid=subscription-details], [role=status]")));
        return view;
    }

    private void Answer(string question, string button)
    {
        _dialogs.WaitForAssertion(() => Assert.Contains(question, _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();
    }

    private Task<Subscription> StoredAsync(CircuitPerson person) =>
        factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.OrganizationId == person.OrganizationId));

    private static List<string> Timeline(IRenderedComponent<SubscriptionView> view) =>
        view.FindAll("[data-testid=timeline-event]").Select(e => e.TextContent).ToList();

    [Fact]
    public async Task The_page_shows_customer_status_amount_period_and_the_timeline_newest_first()
    {
        var (person, id) = await SubscribedAsync();
        using (var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(person.OrganizationId)))
        {
            await api.PostOkAsync($"/api/v1/subscriptions/{id}/pause", """{"note":"on holiday"}""");
            await api.PostOkAsync($"/api/v1/subscriptions/{id}", """{"quantity":2}""");
        }

        var view = await OpenAsync(person, id);

        var details = view.Find("[data-testid=subscription-details]").TextContent;
        Assert.Contains("ana@example.com", details);
        Assert.Equal("paused", view.Find("[data-testid=subscription-status]").TextContent.Trim());
        Assert.Contains("$44.00 every month", view.Find("[data-testid=subscription-amount]").TextContent);
        Assert.Contains("none: the price is not a plan", view.Find("[data-testid=subscription-plan]").TextContent);
        var timeline = Timeline(view);
        Assert.Equal(2, timeline.Count);
        Assert.Contains("Quantity changed", timeline[0]);
        Assert.Contains("quantity 1 → 2", timeline[0]);
        Assert.Contains("stays paused", timeline[0]);
        Assert.Contains("Paused", timeline[1]);
        Assert.Contains("active → paused", timeline[1]);
        Assert.Contains("on holiday", timeline[1]);
        Assert.Contains("UTC", timeline[1]);
        Assert.NotNull(view.Find("[data-testid=resume]"));
        Assert.Empty(view.FindAll("[data-testid=pause]"));
        Assert.Empty(view.FindAll("[data-testid=suggested-billing-day]"));
    }

    [Fact]
    public async Task The_page_suggests_the_customers_payday_as_a_better_billing_day_with_the_reason()
    {
        var (person, id) = await SubscribedAsync();
        var subscription = await StoredAsync(person);
        var billingDay = subscription.BillingAnchor.Day;
        var payday = billingDay == 15 ? 20 : 15;
        await Subscriptions.BillingDaySuggestionApiTests.StoreFailingPatternAsync(factory,
            Core.Common.PublicId.Format(Core.Common.IdPrefixes.Customer, subscription.CustomerId), billingDay, payday);

        var view = await OpenAsync(person, id);

        var suggestion = view.Find("[data-testid=suggested-billing-day]");
        Assert.Contains($"Suggested billing day: the {Core.Dunning.PaymentPattern.Ordinal(payday)}", suggestion.TextContent);
        Assert.Equal($"3 of the last 6 payments succeeded on the {Core.Dunning.PaymentPattern.Ordinal(payday)}; billing on the "
            + $"{Core.Dunning.PaymentPattern.Ordinal(payday)} instead of the {Core.Dunning.PaymentPattern.Ordinal(billingDay)} should need fewer retries",
            view.Find("[data-testid=suggested-billing-day-reason]").TextContent.Trim());
    }

    [Fact]
    public async Task A_subscription_needing_review_says_why_and_mark_reviewed_asks_first_then_clears_it_with_the_note()
    {
        var (person, id) = await SubscribedAsync();
        await Subscriptions.SubscriptionReviewApiTests.FlagAsync(factory, id);
        var view = await OpenAsync(person, id);
        Assert.Equal("INV-000002: no retry left", view.Find("[data-testid=review-reason]").TextContent.Trim());
        Assert.Contains("Review requested", Timeline(view)[0]);

        view.Find("[data-testid=mark-reviewed]").Click();
        Answer("Mark this subscription reviewed?", "Back");
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Mark this subscription reviewed?", _dialogs.Markup));
        Assert.NotNull((await StoredAsync(person)).ReviewRequestedAt);

        view.Find("#subscription-note").Change("refund agreed by phone");
        view.Find("[data-testid=mark-reviewed]").Click();
        Answer("Mark this subscription reviewed?", "Mark reviewed");

        view.WaitForAssertion(() => Assert.Empty(view.FindAll("[data-testid=needs-review]")));
        Assert.Empty(view.FindAll("[data-testid=mark-reviewed]"));
        Assert.Null((await StoredAsync(person)).ReviewRequestedAt);
        Assert.Contains("Reviewed", Timeline(view)[0]);
        Assert.Contains("refund agreed by phone", Timeline(view)[0]);
        Assert.Equal("unpaid", view.Find("[data-testid=subscription-status]").TextContent.Trim());
    }

    [Fact]
    public async Task Pausing_asks_first_then_the_status_and_timeline_change_with_the_note()
    {
        var (person, id) = await SubscribedAsync();
        var view = await OpenAsync(person, id);
        Assert.NotNull(view.Find("[data-testid=timeline-empty]"));

        view.Find("[data-testid=pause]").Click();
        Answer("Pause this subscription?", "Back");
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Pause this subscription?", _dialogs.Markup));
        Assert.Equal(SubscriptionStatus.Active, (await StoredAsync(person)).Status);

        view.Find("#subscription-note").Change("asked by phone");
        view.Find("[data-testid=pause]").Click();
        Answer("Pause this subscription?", "Pause");

        view.WaitForAssertion(() => Assert.Equal("paused", view.Find("[data-testid=subscription-status]").TextContent.Trim()));
        Assert.Equal(SubscriptionStatus.Paused, (await StoredAsync(person)).Status);
        var change = Assert.Single(Timeline(view));
        Assert.Contains("active → paused", change);
        Assert.Contains("asked by phone", change);
    }

    [Fact]
    public async Task Cancel_at_period_end_then_undo_keep_the_status_and_record_both()
    {
        var (person, id) = await SubscribedAsync();
        var view = await OpenAsync(person, id);

        view.Find("[data-testid=cancel-at-end]").Click();
        Answer("Cancel at the end of the period?", "Cancel at period end");
        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=cancel-at-period-end]")));
        Assert.True((await StoredAsync(person)).CancelAtPeriodEnd);

        view.Find("[data-testid=undo-cancel]").Click();
        Answer("Keep this subscription?", "Keep it");

        view.WaitForAssertion(() => Assert.Empty(view.FindAll("[data-testid=cancel-at-period-end]")));
        Assert.False((await StoredAsync(person)).CancelAtPeriodEnd);
        var timeline = Timeline(view);
        Assert.Contains("Cancellation undone", timeline[0]);
        Assert.Contains("Set to cancel at the end of the period", timeline[1]);
    }

    [Fact]
    public async Task A_quantity_the_entity_refuses_shows_under_the_field_and_changes_nothing()
    {
        var (person, id) = await SubscribedAsync();
        var view = await OpenAsync(person, id);

        view.Find("#subscription-quantity").Change("1");
        view.Find("[data-testid=change-quantity]").Closest("form")!.Submit();
        Answer("Change the quantity to 1?", "Change");

        view.WaitForAssertion(() => Assert.Equal("The quantity is already 1.", view.MessageUnder("#subscription-quantity")));
        Assert.Equal(1, (await StoredAsync(person)).Quantity);
        Assert.Empty(Timeline(view));
    }

    [Fact]
    public async Task Ending_after_paid_periods_refuses_a_number_below_those_paid_under_the_field_then_sets_one()
    {
        var (person, id) = await SubscribedAsync();
        var view = await OpenAsync(person, id);

        view.Find("#subscription-cancel-after-cycles").Change("0");
        view.Find("[data-testid=set-cancel-after-cycles]").Closest("form")!.Submit();
        Answer("End after 0 paid periods?", "Set");
        view.WaitForAssertion(() => Assert.StartsWith("cancel_after_cycles is a whole number of paid periods from 1", view.MessageUnder("#subscription-cancel-after-cycles")));
        Assert.Null((await StoredAsync(person)).CancelAfterCycles);
        Assert.Empty(Timeline(view));

        view.Find("#subscription-cancel-after-cycles").Change("4");
        view.Find("[data-testid=set-cancel-after-cycles]").Closest("form")!.Submit();
        Answer("End after 4 paid periods?", "Set");

        view.WaitForAssertion(() => Assert.Single(Timeline(view)));
        Assert.Equal(4, (await StoredAsync(person)).CancelAfterCycles);
        Assert.Contains("Number of periods changed", Timeline(view)[0]);
        Assert.Contains("ends after 4 paid periods", Timeline(view)[0]);
    }

    [Fact]
    public async Task Cancel_now_ends_it_and_leaves_no_action_but_the_timeline()
    {
        var (person, id) = await SubscribedAsync();
        var view = await OpenAsync(person, id);

        view.Find("[data-testid=cancel-now]").Click();
        Answer("Cancel now?", "Cancel now");

        view.WaitForAssertion(() => Assert.Equal("canceled", view.Find("[data-testid=subscription-status]").TextContent.Trim()));
        Assert.Equal(SubscriptionStatus.Canceled, (await StoredAsync(person)).Status);
        Assert.Empty(view.FindAll("[data-testid=cancel-now], [data-testid=pause], [data-testid=change-quantity]"));
        Assert.Contains("active → canceled", Assert.Single(Timeline(view)));
    }

    [Fact]
    public async Task Another_organizations_subscription_is_not_found()
    {
        var (_, theirs) = await SubscribedAsync();
        var me = await factory.SignUpPersonAsync();

        var view = await OpenAsync(me, theirs);

        Assert.Contains("There is no such subscription", view.Markup);
        Assert.DoesNotContain("ana@example.com", view.Markup);
    }
}
