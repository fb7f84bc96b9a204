using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Web.Features.FunnelRuntime;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;
using static Numi.Web.Tests.FunnelRuntime.FunnelWalk;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>Between a funnel and its checkout: the order is the funnel's as soon as it is paid, whether or not the
/// shopper comes back (the return page only moves them on), and the product chosen is kept for a resumed session.</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelReturnTests(NumiFactory factory)
{
    [Fact]
    public async Task A_shopper_who_pays_and_closes_the_tab_leaves_an_attributed_order_and_coming_back_only_moves_them_on()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        // The first post of the checkout step opens the session (without JavaScript); the shopper pays it and closes the tab.
        var checkout = await shopper.StartCheckoutAsync(await AdvanceAsync(shopper, funnel.Path, "next"));

        await shopper.PayAsync(checkout);

        var session = Assert.Single(await SessionsAsync(factory, funnel));
        var checkoutId = SessionKey(checkout);
        Assert.Equal(checkoutId, session.CheckoutSessionId);
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.CheckoutSessionId == checkoutId));
        Assert.Equal((funnel.FunnelKey, session.FunnelVersionId, StepVariant.ControlKey), (order.FunnelId, order.FunnelVersionId, order.FunnelVariant));
        Assert.Equal((order.Id, funnel.Upsell), (session.OrderId, session.CurrentStepKey));
        Assert.Equal(1, await OrdersCompletedAsync(session.Id));

        for (var visit = 0; visit < 2; visit++)
        {
            using var back = await shopper.Client.GetAsync($"{funnel.Path}/{FunnelPage.NextStep}");
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            Assert.Equal(funnel.StepPath(funnel.Upsell), PathOf(back));
        }
        var resumed = await shopper.GetPageAsync(funnel.Path);
        Assert.Equal(funnel.Upsell, resumed.QuerySelector("[data-testid=step]")?.GetAttribute("data-step"));
        Assert.Single(resumed.QuerySelectorAll("[data-testid=cart-order]"));
        Assert.Equal(1, await OrdersCompletedAsync(session.Id));
        Assert.Equal(order.Id, Assert.Single(await SessionsAsync(factory, funnel)).OrderId);
    }

    [Fact]
    public async Task A_resumed_session_shows_the_product_chosen_and_its_checkout_sells_that_product()
    {
        using var funnel = await FunnelShop.CreateAsync(factory, choice: true);
        using var shopper = factory.CreateBrowser();
        var tea = Guid.ParseExact(funnel.TeaOfferId["offer_".Length..], "N");
        Assert.Equal(funnel.StepPath(funnel.Choice), await AdvanceAsync(shopper, funnel.Path, "next"));
        Assert.NotEqual(tea.ToString(), (await shopper.GetFormAsync(funnel.StepPath(funnel.Choice), "funnel")).Fields["Input.Offer"]);

        var form = await shopper.GetFormAsync(funnel.StepPath(funnel.Choice), "funnel");
        form.Fields["Input.Offer"] = tea.ToString();
        form.Fields["Input.Action"] = "choose";
        using var chosen = await shopper.PostAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(funnel.StepPath(funnel.Checkout), PathOf(chosen));
        Assert.Equal(tea, Assert.Single(await SessionsAsync(factory, funnel)).ChosenOfferId);

        // Back the next day (same browser): the funnel resumes at its checkout, selling the tea, and the choice shows.
        var resumed = await shopper.GetPageAsync(funnel.Path);
        var step = resumed.QuerySelector("[data-testid=step]")!;
        Assert.Equal(funnel.Checkout, step.GetAttribute("data-step"));
        Assert.Contains("A tea sampler instead?", step.TextContent, StringComparison.Ordinal);
        Assert.Equal(tea.ToString(), (await shopper.GetFormAsync(funnel.StepPath(funnel.Choice), "funnel")).Fields["Input.Offer"]);
        Assert.Equal(tea, await OfferOfCheckoutAsync(await shopper.StartCheckoutAsync(funnel.StepPath(funnel.Checkout))));
    }

    /// <summary>The session's stored <c>order_completed</c> events once there is one: the writer stores them a moment
    /// after the order's commit, so the test waits for it (up to 30 s), without timing anything.</summary>
    private async Task<int> OrdersCompletedAsync(Guid sessionId)
    {
        for (var tries = 0; ; tries++)
        {
            var count = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters()
                .CountAsync(e => e.FunnelSessionId == sessionId && e.Kind == FunnelEventKind.OrderCompleted));
            if (count > 0 || tries == 300) return count;
            await Task.Delay(100);
        }
    }

    private Task<Guid> OfferOfCheckoutAsync(string checkoutPath)
    {
        var id = SessionKey(checkoutPath);
        return factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.OfferId).SingleAsync());
    }
}
