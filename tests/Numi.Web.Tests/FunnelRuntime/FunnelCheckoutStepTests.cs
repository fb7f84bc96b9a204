using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Web.Features.Checkout;
using Numi.Web.Features.FunnelRuntime;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;
using static Numi.Web.Tests.FunnelRuntime.FunnelWalk;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>A funnel's checkout step on SQLite.</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelCheckoutStepTests(NumiFactory factory) : FunnelCheckoutStepChecks(factory);

/// <summary>The same on PostgreSQL.</summary>
public sealed class FunnelCheckoutStepPostgresTests(FunnelPostgresFactory factory) : FunnelCheckoutStepChecks(factory), IClassFixture<FunnelPostgresFactory>;

/// <summary>A funnel's checkout step is the offer's checkout page itself, as the offer's link shows it (issue 12): seeing
/// it opens no checkout session; the shopper's first post (a change of choice, a code, Pay) opens one, tied to the funnel
/// session, so its order is the funnel's and the funnel goes on once paid; bots and the draft's preview never open one.</summary>
public abstract class FunnelCheckoutStepChecks(NumiFactory factory)
{
    private const string Slackbot = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

    [Fact]
    public async Task The_checkout_step_shows_the_offers_checkout_form_and_viewing_it_opens_no_checkout_session()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var checkout = await AdvanceAsync(shopper, funnel.Path, "next");
        Assert.Equal(funnel.StepPath(funnel.Checkout), checkout);

        using var shown = await shopper.Client.GetAsync(checkout);

        var (page, _) = await PageAsync(shown);
        Assert.Equal(funnel.Checkout, page.QuerySelector("[data-testid=step]")?.GetAttribute("data-step"));
        var form = page.QuerySelector("[data-testid=step] form#checkout-form")!;
        // The link's form: posted to the page's own address, with its nonce, the choice, the customer, the code and the card.
        Assert.Equal("", form.GetAttribute("action"));
        Assert.NotEmpty(form.QuerySelector($"input[name='{LinkStartGuard.NonceField}']")!.GetAttribute("value")!);
        foreach (var field in new[] { "Input.Email", "Input.DiscountCode", "Input.CardNumber", "Input.Cvc" })
            Assert.NotNull(form.QuerySelector($"[name='{field}']"));
        Assert.Equal("$24.00", page.TestId("total"));
        Assert.NotNull(page.QuerySelector("[data-testid=pay]"));
        Assert.Null(page.QuerySelector("form#funnel-form"));
        Assert.False(shown.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(CheckoutBrowser.CookieName, StringComparison.Ordinal)));
        Assert.Equal(0, await CheckoutSessionsAsync(funnel.Shop));
        Assert.Null(Assert.Single(await SessionsAsync(factory, funnel)).CheckoutSessionId);
    }

    [Fact]
    public async Task Paying_as_the_first_post_without_javascript_opens_one_session_and_one_order_of_the_funnel_and_moves_on()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var checkout = await AdvanceAsync(shopper, funnel.Path, "next");

        var upsell = await PayAndReturnAsync(shopper, checkout);

        Assert.Equal(funnel.StepPath(funnel.Upsell), upsell);
        var session = Assert.Single(await SessionsAsync(factory, funnel));
        var checkoutSession = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(s => s.OrganizationId == funnel.Shop.OrganizationId));
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.OrganizationId == funnel.Shop.OrganizationId));
        Assert.Equal((checkoutSession.Id, checkoutSession.Id), (session.CheckoutSessionId, order.CheckoutSessionId));
        Assert.Equal((funnel.FunnelKey, session.FunnelVersionId, StepVariant.ControlKey), (order.FunnelId, order.FunnelVersionId, order.FunnelVariant));
        Assert.Equal((order.Id, funnel.Upsell), (session.OrderId, session.CurrentStepKey));
        Assert.Equal(2400, order.AmountTotal);
        // The checkout step was viewed once (the form the shopper filled in) and started once.
        var kinds = await EventuallyAsync(factory, session.Id, count: 6);
        Assert.Equal(2, kinds.Count(k => k == FunnelEventKind.StepViewed));
        Assert.Equal(1, kinds.Count(k => k == FunnelEventKind.CheckoutStarted));
        // Paid: the checkout step is not shown again, it sends the shopper where the funnel is.
        using var again = await shopper.Client.GetAsync(checkout);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(upsell, PathOf(again));
    }

    [Fact]
    public async Task A_change_of_choice_first_opens_the_session_for_the_funnel_and_paying_it_goes_back_to_the_funnel()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var form = await shopper.GetFormAsync(await AdvanceAsync(shopper, funnel.Path, "next"), "checkout");
        form.Fields["Input.Slots[0].Price"] = funnel.Shop.ThreeBags;
        form.Fields["Input.Action"] = "update";

        using var answer = await shopper.PostAsync(form);

        var (page, _) = await PageAsync(answer);
        var sessionPath = answer.Content.Headers.ContentLocation!.OriginalString;
        Assert.Equal("$63.00", page.TestId("total"));
        Assert.Equal(sessionPath, page.QuerySelector("form#checkout-form")!.GetAttribute("action"));
        Assert.Equal(SessionKey(sessionPath), Assert.Single(await SessionsAsync(factory, funnel)).CheckoutSessionId);

        await shopper.PayAsync(sessionPath);
        using var paid = await shopper.Client.GetAsync(sessionPath);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal($"{funnel.Path}/{FunnelPage.NextStep}", PathOf(paid));
        Assert.Equal(1, await CheckoutSessionsAsync(funnel.Shop));
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.OrganizationId == funnel.Shop.OrganizationId));
        Assert.Equal((6300, funnel.FunnelKey), (order.AmountTotal, order.FunnelId));
    }

    [Fact]
    public async Task A_bot_gets_the_checkout_step_and_never_a_session_even_when_it_pays()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var path = await FunnelShop.CreateCheckoutFirstAsync(shop);
        using var bot = factory.CreateBrowser();
        bot.Client.DefaultRequestHeaders.UserAgent.ParseAdd(Slackbot);

        var form = await bot.GetFormAsync(path, "checkout");
        foreach (var (name, value) in Payment()) form.Fields[name] = value!;
        using var posted = await bot.PostAsync(form);

        var (page, _) = await PageAsync(posted);
        Assert.Equal(CheckoutShop.Headline, page.QuerySelector("[data-testid=step] h1")?.TextContent.Trim());
        Assert.False(posted.Headers.Contains("Set-Cookie"));
        Assert.Equal(0, await CheckoutSessionsAsync(shop));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.FunnelSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == shop.OrganizationId)));
    }

    [Fact]
    public async Task The_drafts_preview_shows_the_checkout_form_and_refuses_to_take_payment()
    {
        using var merchant = factory.CreateBrowser();
        var account = await merchant.SignUpAsync();
        var organizationId = await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Slug == account.Slug).Select(o => o.Id).SingleAsync());
        using var funnel = await FunnelShop.CreateAsync(factory, shop: await CheckoutShop.ForOrganizationAsync(factory, account.Slug, organizationId));
        var preview = funnel.StepPath(funnel.Checkout) + "?preview=draft";

        var form = await merchant.GetFormAsync(preview, "checkout");
        Assert.Equal(preview, form.Action);
        foreach (var (name, value) in Payment()) form.Fields[name] = value!;
        using var posted = await merchant.PostAsync(form);

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        var page = await Browser.ParseAsync(posted);
        Assert.NotNull(page.TestId("preview"));
        // The preview walks on by a link instead.
        Assert.Equal(funnel.StepPath(funnel.Upsell) + "?preview=draft", page.QuerySelector("[data-testid=preview-next]")?.GetAttribute("href"));
        Assert.Equal(FunnelCheckout.PreviewRefusal, page.TestId("form-errors"));
        Assert.Equal(0, await CheckoutSessionsAsync(funnel.Shop));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == organizationId)));
        Assert.Empty(await SessionsAsync(factory, funnel));
    }

    private Task<int> CheckoutSessionsAsync(CheckoutShop shop) =>
        factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == shop.OrganizationId));
}
