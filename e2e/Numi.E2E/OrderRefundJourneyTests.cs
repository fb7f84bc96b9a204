using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// A shopper pays $24.00 on a new shop's checkout; its merchant finds the order in the interactive order list, opens
/// it, cancels a first refund in the confirmation dialog (nothing changes), then refunds $5.00 and the rest, and sees
/// each in the timeline, the status and a snackbar.
/// </summary>
[Collection(NumiCollection.Name)]
public sealed class OrderRefundJourneyTests(NumiAppFixture numi)
{
    [Fact]
    public async Task The_merchant_finds_the_paid_order_and_refunds_it_from_its_page()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using (var shopper = await numi.NewContextAsync())
        {
            var checkout = await shopper.NewPageAsync();
            await checkout.GotoAsync(shop.Link);
            await CheckoutJourneyTests.FillDetailsAsync(checkout, "4242 4242 4242 4242");
            await checkout.GetByTestId("pay").ClickAsync();
            await Expect(checkout.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        }

        await using var merchant = await numi.NewContextAsync();
        var failed = new List<string>();
        merchant.Response += (_, response) =>
        {
            if (response.Status >= 400) lock (failed) failed.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        var page = await CheckoutJourneyTests.SignInAsync(merchant, shop);

        await page.GotoAsync("/orders");
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        var row = page.GetByTestId("order-table").Locator("tbody tr").Filter(new() { HasText = "#1001" });
        await Expect(row).ToContainTextAsync("shopper@example.com");
        await Expect(row).ToContainTextAsync("$24.00");
        await Expect(page.GetByTestId("orders-export")).ToHaveAttributeAsync("href", "orders/export.csv");
        await row.GetByRole(AriaRole.Link, new() { Name = "#1001" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/orders/ord_[0-9a-f]{32}$"));
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        await Expect(page.GetByTestId("order-total")).ToHaveTextAsync("$24.00");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Paid");

        // Cancel in the dialog: nothing is refunded.
        var amount = page.Locator("input[data-testid=refund-amount]");
        await Expect(amount).ToHaveValueAsync("24.00");
        await amount.FillAsync("5.00");
        await page.GetByTestId("refund-submit").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Give $5.00 back to shopper@example.com?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("refund")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Paid");

        // Confirm: $5.00 back.
        await page.GetByTestId("refund-submit").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Partially refunded");
        await Expect(page.GetByTestId("refund")).ToContainTextAsync("refunded $5.00");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Refunded $5.00.");

        // The rest.
        await Expect(amount).ToHaveValueAsync("19.00");
        await page.GetByTestId("refund-submit").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Give $19.00 back");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Refunded");
        await Expect(page.GetByTestId("refund")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("refund-form")).ToHaveCountAsync(0);

        // The list says so after a reload too.
        await page.GotoAsync("/orders");
        await Expect(page.GetByTestId("order-table").Locator("tbody tr").Filter(new() { HasText = "#1001" })).ToContainTextAsync("Refunded");
        lock (failed) Assert.Empty(failed);
    }
}
