using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>The database commands of the posts a shopper makes most: Pay, and a change of choice. Each command opens a
/// pooled connection, and shoppers paying at once on SQLite queue behind one another's, so a count that grows again is
/// a regression (bench/checkout.md, "Pay at 32 concurrent shoppers").</summary>
public sealed class PayCommandsTests(ColdCheckoutPageFactory factory) : IClassFixture<ColdCheckoutPageFactory>
{
    [Fact]
    public async Task One_payment_runs_the_commands_counted_here()
    {
        var commands = await CommandsOfPostAsync(CheckoutSteps.Payment(), HttpStatusCode.Redirect);

        // The session with its organization, read once by the browser guard and handed to the page (tracked: paying
        // holds that one rather than reading it again; 16 when the guard and the page each read it); the hold; the Stripe
        // connection (which processor); the product names (this offer's first payment: kept with the offer after it);
        // the funnel session that opened this checkout if any (an indexed look-up, FunnelAttribution); then the order's
        // transaction: the customer, the next number, and the five writes (no discount reservation is read for a
        // session without a code: 13 before). The offer, its slots, options, prices and tax rates come from memory
        // (CheckoutOffers): 21 commands before; 15 before the organization's name came from the session's read and
        // SQLite's transaction (BEGIN IMMEDIATE, the write lock already held) stopped locking the organization's row.
        Assert.True(commands.Count == 12, Listed(commands));
        Assert.DoesNotContain(commands, c => c.Contains("FROM \"discount_redemptions\"", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, ReadsTheOffer);
        Assert.DoesNotContain(commands, c => c.Contains("FROM \"organizations\"", StringComparison.Ordinal) && !c.Contains("\"checkout_sessions\"", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.StartsWith("UPDATE \"organizations\"", StringComparison.Ordinal));
        // All of them on one connection, opened by the browser guard for the request (one per command before).
        Assert.Equal(1, factory.Commands.ConnectionsOpened);
    }

    [Fact]
    public async Task A_later_payment_of_the_same_offer_reads_no_product_names()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var first = factory.CreateBrowser();
        await first.PayAsync(await first.StartCheckoutAsync(shop));
        using var shopper = factory.CreateBrowser();
        var form = await shopper.GetFormAsync(await shopper.StartCheckoutAsync(shop), "checkout");
        foreach (var (name, value) in CheckoutSteps.Payment()) form.Fields[name] = value!;

        var commands = await factory.Commands.DuringAsync(async () =>
        {
            using var response = await shopper.PostAsync(form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        });

        // As the first payment, less the product names, which the first payment left with the kept offer, and less the
        // customer's insert (the same email paid first: that customer is matched).
        Assert.True(commands.Count == 10, Listed(commands));
        Assert.DoesNotContain(commands, c => c.StartsWith("INSERT INTO \"customers\"", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("FROM \"products\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_after_its_product_is_renamed_has_the_new_name()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var first = factory.CreateBrowser();
        await first.PayAsync(await first.StartCheckoutAsync(shop));
        var product = (await shop.Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/prices/{shop.OneBag}")).GetProperty("product").GetString();
        await shop.Api.PostOkAsync($"/api/v1/products/{product}", "{\"name\": \"Single Origin Beans\"}");

        using var shopper = factory.CreateBrowser();
        await shopper.PayAsync(await shopper.StartCheckoutAsync(shop));

        // The names the first payment kept went with the offer the rename dropped from memory (CheckoutPageEviction).
        var names = await factory.WithDbAsync(db => db.OrderLines.IgnoreQueryFilters()
            .Where(l => l.OrganizationId == shop.OrganizationId).OrderBy(l => l.Id).Select(l => l.Description).ToListAsync());
        Assert.Equal(["House Blend Beans", "Single Origin Beans"], names);
    }

    [Fact]
    public async Task A_payment_prices_its_page_only_when_the_page_is_shown_again()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var (_, club) = await shop.CreateClubOfferAsync(trialDays: 0);

        var (paying, _) = await PostToANewSessionAsync(club, CheckoutSteps.Payment(), HttpStatusCode.Redirect);
        var (declined, page) = await PostToANewSessionAsync(club, CheckoutSteps.Payment(card: CheckoutSteps.Declined), HttpStatusCode.OK);

        // A plan's trial is read whenever a cart of it is priced. The payment prices it to charge it; the page priced it
        // once more, before the handler ran, for totals it never showed (the answer is a redirect): 2 reads before. A
        // payment the page answers with the form again (declined) saves the posted choice (priced) and still shows the
        // totals, priced for the form after the handler: 3 reads (4 before).
        Assert.True(paying.Count(ReadsThePlans) == 1, Listed(paying));
        Assert.True(declined.Count(ReadsThePlans) == 3, Listed(declined));
        Assert.NotNull(page);
        Assert.NotNull(page.TestId("pay-error"));
        Assert.Equal("$15.00", page.TestId("total"));
    }

    /// <summary>The commands of one post of <paramref name="values"/> to a new session of <paramref name="link"/>, and
    /// the page it answered (null for a redirect).</summary>
    private async Task<(IReadOnlyList<string> Commands, AngleSharp.Html.Dom.IHtmlDocument? Page)> PostToANewSessionAsync(
        string link, Dictionary<string, string?> values, HttpStatusCode answered)
    {
        using var shopper = factory.CreateBrowser();
        var form = await shopper.GetFormAsync(await shopper.StartCheckoutAsync(link), "checkout");
        foreach (var (name, value) in values) form.Fields[name] = value!;
        HttpResponseMessage response = null!;
        var commands = await factory.Commands.DuringAsync(async () => response = await shopper.PostAsync(form));
        using (response)
        {
            Assert.Equal(answered, response.StatusCode);
            return (commands, answered == HttpStatusCode.OK ? (await CheckoutSteps.PageAsync(response)).Page : null);
        }
    }

    private static bool ReadsThePlans(string sql) => sql.Contains("FROM \"plans\"", StringComparison.Ordinal);

    [Fact]
    public async Task A_change_of_choice_runs_the_commands_counted_here()
    {
        var commands = await CommandsOfPostAsync(new() { ["Input.Action"] = "update" }, HttpStatusCode.OK);

        // The session, read once by the browser guard for the page (tracked: the choice is saved on it), and its save
        // (9 before the offer was kept in memory, 3 while the guard and the page each read the session).
        Assert.True(commands.Count == 2, Listed(commands));
        Assert.DoesNotContain(commands, ReadsTheOffer);
    }

    [Fact]
    public async Task The_thank_you_page_with_an_upsell_reads_neither_offer_again()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddUpsellAsync();
        using var first = factory.CreateBrowser();
        var seen = await first.StartCheckoutAsync(shop);
        await first.PayAsync(seen);
        Assert.NotNull((await first.GetPageAsync(seen)).QuerySelector("[data-testid=upsell]"));
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        await shopper.PayAsync(session);

        AngleSharp.Html.Dom.IHtmlDocument page = null!;
        var commands = await factory.Commands.DuringAsync(async () => page = await shopper.GetPageAsync(session));

        // The upsell is offered at its price, from the upsell's offer as its own checkout keeps it (read by the first
        // shopper's thank-you page, not again): the session with its organization, and the order with its lines, the
        // funnel that may have opened the checkout and an upsell order already accepted in one query (PaidOrderRead: 4
        // commands before; 9 before that: the upsell's offer, its slots and their options, tracked, its prices and whether
        // tax applies were read for every thank-you page).
        Assert.Matches(@"adds it for \$\d", page.TestId("upsell"));
        Assert.True(commands.Count == 2, Listed(commands));
        Assert.Single(commands, c => c.Contains("FROM \"orders\"", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, ReadsTheOffer);
        // On one connection, opened with the session's read (one per command before).
        Assert.Equal(1, factory.Commands.ConnectionsOpened);
    }

    /// <summary>The commands of one post of a session's form (opened from the link, viewed once) with
    /// <paramref name="values"/> filled in.</summary>
    private async Task<IReadOnlyList<string>> CommandsOfPostAsync(Dictionary<string, string?> values, HttpStatusCode answered)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var form = await shopper.GetFormAsync(await shopper.StartCheckoutAsync(shop), "checkout");
        foreach (var (name, value) in values) form.Fields[name] = value!;
        return await factory.Commands.DuringAsync(async () =>
        {
            using var response = await shopper.PostAsync(form);
            Assert.Equal(answered, response.StatusCode);
        });
    }

    private static bool ReadsTheOffer(string sql) =>
        sql.Contains("FROM \"offers\"", StringComparison.Ordinal) || sql.Contains("FROM \"prices\"", StringComparison.Ordinal);

    private static string Listed(IReadOnlyList<string> commands) =>
        $"{commands.Count} commands:\n" + string.Join("\n", commands.Select(c => c.ReplaceLineEndings(" ") is var line && line.Length > 120 ? line[..120] : line));
}
