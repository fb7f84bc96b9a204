using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>The app with small checkout limits (<c>Checkout:Limits:*</c>); each browser comes from an address of its own.</summary>
public sealed class CheckoutLimitsFactory : NumiFactory
{
    public const int Sessions = 3;
    public const int Payments = 2;
    public const int MaxBodyBytes = 16 * 1024;

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings().Where(s => !s.Key.StartsWith("Checkout:Limits:", StringComparison.Ordinal)),
        new("Checkout:Limits:SessionsPerAddress", Sessions.ToString()),
        new("Checkout:Limits:PaymentsPerAddress", Payments.ToString()),
        new("Checkout:Limits:MaxBodyBytes", MaxBodyBytes.ToString()),
        // Building a funnel takes some twenty-five API calls at once.
        FunnelRuntime.FunnelFactories.Unlimited,
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClientAddresses.Use(builder);
    }
}

/// <summary>Floods held off (issue 12): session openings and payments per client address answer 429 with
/// <c>Retry-After</c> and a page saying to try again in a moment (also in the form's notice under htmx), bodies past
/// the limit 413; nothing is written for a refused post, and other addresses carry on.</summary>
public sealed class CheckoutLimitsTests(CheckoutLimitsFactory factory) : IClassFixture<CheckoutLimitsFactory>
{
    [Fact]
    public async Task Opening_sessions_past_the_limit_from_one_address_is_a_429_with_retry_after_and_writes_nothing()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var (flood, form) = await UseUpTheSessionsAsync(shop);
        using var _ = flood;

        using var limited = await flood.PostAsync(form);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var page = await Browser.ParseAsync(limited);
        Assert.Contains("Try again in a moment", page.GetElementById("co-refusal")?.TextContent);
        Assert.Equal(CheckoutLimitsFactory.Sessions, await SessionCountAsync(shop));
        // Opening the link is never limited, and another address still opens sessions.
        using (var open = await flood.Client.GetAsync(shop.Link)) Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        using var shopper = factory.CreateBrowserFromNewAddress();
        await shopper.StartCheckoutAsync(shop);
        Assert.Equal(CheckoutLimitsFactory.Sessions + 1, await SessionCountAsync(shop));
    }

    [Fact]
    public async Task Under_htmx_the_429_carries_the_notice_the_page_swaps_into_its_form()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var (flood, form) = await UseUpTheSessionsAsync(shop);
        using var _ = flood;

        using var limited = await flood.PostWithHtmxAsync(form);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        // The link's page tells htmx to put a refusal's #co-refusal into its form's notice (App.razor's htmx-config).
        var config = (await flood.GetPageAsync(shop.Link)).QuerySelector("meta[name=htmx-config]")!.GetAttribute("content")!;
        Assert.Contains("\"code\":\"4..\",\"swap\":true", config);
        Assert.Contains("\"target\":\"#co-notice\",\"select\":\"#co-refusal > *\"", config);
        var notice = (await Browser.ParseAsync(limited)).QuerySelector("#co-refusal > [role=alert]");
        Assert.Contains("Try again in a moment", notice?.TextContent);
    }

    [Fact]
    public async Task Payment_attempts_past_the_limit_from_one_address_are_a_429_and_charge_nothing()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowserFromNewAddress();
        var path = await shopper.StartCheckoutAsync(shop);
        for (var i = 0; i < CheckoutLimitsFactory.Payments; i++)
        {
            using var declined = await shopper.PostCheckoutAsync(path, Payment(card: Declined));
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        }

        using var limited = await shopper.PostCheckoutAsync(path, Payment());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Nothing was charged", (await Browser.ParseAsync(limited)).Body!.TextContent);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
        // Changing the order is not a payment: still allowed.
        using var update = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?> { ["Input.Action"] = "update" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_past_the_limit_is_a_413_with_a_friendly_page_and_writes_nothing(bool atTheLink)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowserFromNewAddress();
        var path = atTheLink ? shop.Link : await shopper.StartCheckoutAsync(shop);
        var sessions = await SessionCountAsync(shop);
        var form = await shopper.GetFormAsync(path, "checkout");
        form.Fields["Input.Name"] = new string('x', CheckoutLimitsFactory.MaxBodyBytes);

        using var refused = await shopper.PostAsync(form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var page = await Browser.ParseAsync(refused);
        Assert.Equal("That form is too large", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Nothing was saved or charged", page.GetElementById("co-refusal")?.TextContent);
        Assert.Equal(sessions, await SessionCountAsync(shop));
    }

    [Fact]
    public async Task A_funnels_posts_past_the_limit_are_a_429_with_a_shoppers_page_and_no_dashboard()
    {
        using var funnel = await FunnelRuntime.FunnelShop.CreateAsync(factory);
        using var flood = factory.CreateBrowserFromNewAddress();
        var form = await flood.GetFormAsync(funnel.Path, "funnel");
        form.Fields["Input.Action"] = "next";
        for (var i = 0; i < CheckoutLimitsFactory.Sessions; i++)
        {
            using var allowed = await flood.PostAsync(form);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var limited = await flood.PostAsync(form);

        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Nothing was charged", (await ShopperStatusPageAsync(limited, HttpStatusCode.TooManyRequests, "Please try again in a moment")).Body!.TextContent);
    }

    [Fact]
    public async Task A_funnels_checkout_step_opens_sessions_within_the_addresses_limit_and_then_answers_429()
    {
        using var funnel = await FunnelRuntime.FunnelShop.CreateAsync(factory);
        using var flood = factory.CreateBrowserFromNewAddress();
        // The landing's post is one of the address's posts; each change of choice on the checkout step opens a session.
        var form = await flood.GetFormAsync(await FunnelRuntime.FunnelWalk.AdvanceAsync(flood, funnel.Path, "next"), "checkout");
        form.Fields["Input.Action"] = "update";
        for (var i = 1; i < CheckoutLimitsFactory.Sessions; i++)
        {
            using var allowed = await flood.PostAsync(form);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await flood.PostAsync(form);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(CheckoutLimitsFactory.Sessions - 1, await SessionCountAsync(funnel.Shop));
    }

    [Fact]
    public async Task A_portal_post_past_the_body_limit_is_a_413_with_a_customers_page()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var customer = factory.CreateBrowserFromNewAddress();
        var form = await customer.GetFormAsync($"/portal/{shop.OrganizationSlug}", null);
        form.Fields["Input.Email"] = new string('x', CheckoutLimitsFactory.MaxBodyBytes) + "@example.test";

        using var refused = await customer.PostAsync(form);

        var page = await ShopperStatusPageAsync(refused, HttpStatusCode.RequestEntityTooLarge, "That form is too large");
        Assert.Contains("Nothing was saved or charged", page.Body!.TextContent);
    }

    /// <summary>A browser of a new address that has opened as many sessions as it may, and the offer's form it would
    /// open one more with.</summary>
    private async Task<(Browser Flood, Form Form)> UseUpTheSessionsAsync(CheckoutShop shop)
    {
        var flood = factory.CreateBrowserFromNewAddress();
        for (var i = 0; i < CheckoutLimitsFactory.Sessions; i++) await flood.StartCheckoutAsync(shop);
        var form = await flood.GetFormAsync(shop.Link, "checkout");
        form.Fields["Input.Action"] = "update";
        return (flood, form);
    }

    private Task<int> SessionCountAsync(CheckoutShop shop) =>
        factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == shop.OrganizationId));
}
