using System.Net;
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
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var form = await shopper.GetFormAsync(path, "checkout");
        foreach (var (name, value) in CheckoutSteps.Payment()) form.Fields[name] = value!;

        var commands = await factory.Commands.DuringAsync(async () =>
        {
            using var paid = await shopper.PostAsync(form);
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        });

        // The browser guard's session lookup, the page's session (with its organization), the session again, tracked, to
        // hold it; the hold; the Stripe connection (which processor), product names, the organization's name; then the
        // order's transaction: the organization's row locked, the customer, the next number, the discount reservation,
        // and the five writes. The offer, its slots, options, prices and tax rates come from memory (CheckoutOffers):
        // 21 commands before.
        Assert.True(commands.Count == 16, Listed(commands));
        Assert.DoesNotContain(commands, sql => sql.Contains("\"offers\"", StringComparison.Ordinal) || sql.Contains("\"prices\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_of_choice_runs_the_commands_counted_here()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var form = await shopper.GetFormAsync(path, "checkout");
        form.Fields["Input.Action"] = "update";

        var commands = await factory.Commands.DuringAsync(async () =>
        {
            using var changed = await shopper.PostAsync(form);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        });

        // The browser guard's lookup, the page's session, the session again, tracked, and its save; no offer, price or
        // tax rate (9 commands before).
        Assert.True(commands.Count == 4, Listed(commands));
        Assert.DoesNotContain(commands, sql => sql.Contains("\"offers\"", StringComparison.Ordinal) || sql.Contains("\"prices\"", StringComparison.Ordinal));
    }

    private static string Listed(IReadOnlyList<string> commands) =>
        $"{commands.Count} commands:\n" + string.Join("\n", commands.Select(c => c.ReplaceLineEndings(" ") is var line && line.Length > 120 ? line[..120] : line));
}
