using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Tax;

/// <summary>The hosted checkout with the merchant's tax rates: a country to choose when the offer asks for no address,
/// the summary's tax row updated by that choice (htmx or the no-script button), tax-exempt customers, and what the
/// order keeps.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutTaxTests(NumiFactory factory)
{
    private static Dictionary<string, string?> Update(params (string Name, string? Value)[] values)
    {
        var fields = values.ToDictionary(v => v.Name, v => v.Value);
        fields["Input.Action"] = "update";
        return fields;
    }

    [Fact]
    public async Task Without_rates_there_is_no_country_to_choose_and_no_tax_hint()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var page = await shopper.GetPageAsync(await shopper.StartCheckoutAsync(shop));

        Assert.Null(page.GetElementById("co-country"));
        Assert.Null(page.TestId("tax-note"));
        Assert.Null(page.TestId("update-total"));
    }

    [Fact]
    public async Task Choosing_a_country_shows_inclusive_vat_in_the_summary_and_the_order_keeps_it()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20,"inclusive":true}""");
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        var before = await shopper.GetPageAsync(path);
        Assert.Equal("Tax is calculated from your address", before.TestId("tax-note"));
        Assert.Null(before.TestId("tax"));
        var select = before.GetElementById("co-country")!;
        Assert.Equal("Input.TaxCountry", select.GetAttribute("name"));
        Assert.Equal("change", select.GetAttribute("hx-trigger"));
        Assert.Equal("#co-summary", select.GetAttribute("hx-target"));
        Assert.NotNull(before.QuerySelector("label[for=co-country]"));

        // The no-script path: the update button re-renders the page with the new summary.
        var (updated, _) = await PageAsync(await shopper.PostCheckoutAsync(path, Update(("Input.TaxCountry", "GB"))));
        Assert.Equal("VAT 20% (included)", updated.QuerySelector("[data-testid=tax]")?.ParentElement?.FirstElementChild?.TextContent.Trim());
        Assert.Equal("$4.00", updated.TestId("tax"));          // 24.00 × 20 / 120
        Assert.Equal("$24.00", updated.TestId("total"));
        Assert.Null(updated.TestId("tax-note"));
        Assert.Equal("GB", updated.QuerySelector("#co-country option[selected]")?.GetAttribute("value"));

        using var paid = await shopper.PostCheckoutAsync(path, Payment());
        var key = SessionKey(path);
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.CheckoutSessionId == key));
        Assert.Equal((2400L, 400L, 2400L, "VAT", 200_000), (order.AmountSubtotal, order.AmountTax, order.AmountTotal, order.TaxName, order.TaxRatePpm!.Value));
        var thanks = await shopper.GetPageAsync(path);
        Assert.Equal("$4.00", thanks.TestId("tax"));
        Assert.Contains("VAT 20% (included)", thanks.TestId("summary"));
        var receipt = await factory.WithDbAsync(db => db.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.OrganizationId == shop.OrganizationId));
        Assert.Contains("VAT 20% (included): $4.00", receipt.TextBody);
    }

    [Fact]
    public async Task An_htmx_update_with_an_exclusive_state_rate_adds_the_tax_to_the_total()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"Sales tax","country":"US","percentage":5}""");
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"CA sales tax","country":"US","state":"CA","percentage":8.875}""");
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        var form = await shopper.GetFormAsync(path, "checkout");
        form.Fields["Input.TaxCountry"] = "US";
        form.Fields["Input.Action"] = "update";
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(form.Fields) };
        request.Headers.Add("HX-Request", "true");
        var (page, _) = await PageAsync(await shopper.Client.SendAsync(request));

        // No state is asked where there is no address: the country-wide rate applies. 24.00 × 5% = 1.20.
        Assert.Equal("$1.20", page.TestId("tax"));
        Assert.Equal("$25.20", page.TestId("total"));
        Assert.Contains("Sales tax 5%", page.TestId("summary"));
    }

    [Fact]
    public async Task A_tax_exempt_customer_sees_the_note_and_pays_no_tax()
    {
        using var merchant = factory.CreateBrowser();
        var (account, organizationId) = await Pages.PageKit.SignUpWithIdAsync(merchant, factory);
        using var shop = await CheckoutShop.ForOrganizationAsync(factory, account.Slug, organizationId);
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"Sales tax","country":"US","percentage":10}""");
        const string email = "school@example.test";

        // A first purchase makes the customer, taxed.
        using var shopper = factory.CreateBrowser();
        var first = await shopper.StartCheckoutAsync(shop);
        await shopper.PostCheckoutAsync(first, Update(("Input.TaxCountry", "US")));
        using (await shopper.PostCheckoutAsync(first, new Dictionary<string, string?>(Payment(email: email)) { ["Input.TaxCountry"] = "US" })) { }
        var customer = await factory.WithDbAsync(db => db.Customers.IgnoreQueryFilters().SingleAsync(c => c.OrganizationId == organizationId));
        Assert.Equal(240, (await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.CustomerId == customer.Id))).AmountTax);

        // The merchant marks them exempt (the customer page does it through the same use case: CustomerViewTests).
        await shop.Api.PostOkAsync($"/api/v1/customers/{customer.PublicId}", """{"tax_exempt":"exempt"}""");

        var second = await shopper.StartCheckoutAsync(shop);
        var (page, _) = await PageAsync(await shopper.PostCheckoutAsync(second, Update(("Input.TaxCountry", "US"), ("Input.Email", "School@Example.test"))));
        Assert.Equal("Tax exempt", page.TestId("tax-note"));
        Assert.Null(page.TestId("tax"));
        Assert.Equal("$24.00", page.TestId("total"));
        using (await shopper.PostCheckoutAsync(second, new Dictionary<string, string?>(Payment(email: email)) { ["Input.TaxCountry"] = "US" })) { }
        var key = SessionKey(second);
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.CheckoutSessionId == key));
        Assert.Equal((0L, 2400L), (order.AmountTax, order.AmountTotal));
    }

    [Fact]
    public async Task The_billing_state_picks_the_state_rate_and_its_field_updates_the_summary()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", """{"payment_settings":{"collect_billing_address":true}}""");
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"CA sales tax","country":"US","state":"CA","percentage":10}""");
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var before = await shopper.GetPageAsync(path);
        Assert.Null(before.GetElementById("co-country"));
        Assert.Equal("change", before.GetElementById("co-Billing-state")?.GetAttribute("hx-trigger"));
        Assert.Equal("change", before.GetElementById("co-Billing-country")?.GetAttribute("hx-trigger"));

        var (page, _) = await PageAsync(await shopper.PostCheckoutAsync(path, Update(("Input.Billing.Country", "us"), ("Input.Billing.State", "ca"))));
        Assert.Equal("$2.40", page.TestId("tax"));
        Assert.Equal("$26.40", page.TestId("total"));
    }

    [Fact]
    public async Task A_state_named_through_the_api_stays_while_the_page_keeps_its_country_and_goes_with_another_country()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"Sales tax","country":"US","percentage":5}""");
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"CA sales tax","country":"US","state":"CA","percentage":10}""");
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20}""");
        using var shopper = factory.CreateBrowser();
        async Task<string> OpenInCaliforniaAsync()
        {
            var session = await shop.Api.PostOkAsync("/api/v1/checkout/sessions",
                $$$"""{"offer":"{{{shop.OfferId}}}","tax_location":{"country":"US","state":"CA"}}""");
            return new Uri(session.GetProperty("url").GetString()!).PathAndQuery;
        }

        // The page shows the country only; posting it back as it is keeps California's rate: 24.00 × 10%.
        var path = await OpenInCaliforniaAsync();
        Assert.Equal("US", (await shopper.GetPageAsync(path)).QuerySelector("#co-country option[selected]")?.GetAttribute("value"));
        using (await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>(Payment()) { ["Input.TaxCountry"] = "US" })) { }
        var key = SessionKey(path);
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.CheckoutSessionId == key));
        Assert.Equal((240L, "CA sales tax"), (order.AmountTax, order.TaxName));

        // Choosing another country leaves the state behind with the country it belonged to.
        var moved = await OpenInCaliforniaAsync();
        var (page, _) = await PageAsync(await shopper.PostCheckoutAsync(moved, Update(("Input.TaxCountry", "GB"))));
        Assert.Equal("$4.80", page.TestId("tax"));
        var (back, _) = await PageAsync(await shopper.PostCheckoutAsync(moved, Update(("Input.TaxCountry", "US"))));
        Assert.Equal("$1.20", back.TestId("tax"));
    }
}
