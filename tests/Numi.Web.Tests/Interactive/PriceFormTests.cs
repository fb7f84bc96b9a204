using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Catalog;
using Numi.Web.Features.Catalog;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Interactive;

/// <summary>The price form against the real database: the fields of each pricing scheme, the tier editor, the live
/// quote, each refusal under its field with nothing saved, replacing a price's amounts, and tenant isolation.</summary>
[Collection(AppCollection.Name)]
public sealed class PriceFormTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudPopoverProvider>? _popovers;

    private async Task<(IRenderedComponent<PriceForm> Form, Product Product)> OpenNewAsync()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Beans");
        return (await OpenAsync(person, product.PublicId, null), product);
    }

    private async Task<IRenderedComponent<PriceForm>> OpenAsync(CircuitPerson person, string? productId, string? priceId)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        var form = RenderInteractive<PriceForm>(p => p.Add(x => x.ProductId, productId).Add(x => x.PriceId, priceId));
        _popovers = Render<MudPopoverProvider>();
        form.WaitForElement("[data-testid=price-form]");
        return form;
    }

    private static async Task SaveAsync(IRenderedComponent<PriceForm> form)
    {
        await form.Find("[data-testid=price-form]").SubmitAsync();
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=save-price]").HasAttribute("disabled")));
    }

    /// <summary>Waits for the row's fields: the form renders the tier editor after the scheme's change has gone
    /// through its live quote, which a loaded machine finishes after the click returns.</summary>
    private static void Tier(IRenderedComponent<PriceForm> form, int row, string? upTo, string unit)
    {
        if (upTo is not null) form.WaitForElement($"input[aria-label='Tier {row} up to']").Input(upTo);
        form.WaitForElement($"input[aria-label='Tier {row} price per unit']").Input(unit);
    }

    /// <summary>Units 1–5 at $5.00, 6–10 at $4.00, 11 and up at $3.00.</summary>
    private static void TypeGraduated(IRenderedComponent<PriceForm> form)
    {
        form.Choose("[data-testid=price-scheme]", "Tiered");
        form.WaitForElement("[data-testid=add-tier]").Click();
        form.WaitForAssertion(() => Assert.Equal(3, TierRows(form)));
        Tier(form, 1, "5", "5.00");
        Tier(form, 2, "10", "4.00");
        Tier(form, 3, null, "3.00");
    }

    private static int TierRows(IRenderedComponent<PriceForm> form) => form.FindAll("[data-testid=tier-row]").Count;

    private static string? Value(IRenderedComponent<PriceForm> form, string selector) => form.Find(selector).GetAttribute("value");

    private void Select(IRenderedComponent<PriceForm> form, string label, string item)
    {
        var select = form.FindAll(".mud-select").First(s => s.QuerySelector("label")?.TextContent.Trim() == label);
        select.QuerySelector(".mud-input-control")!.MouseDown();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == item));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == item).Click();
    }

    [Fact]
    public async Task Each_scheme_shows_its_own_fields_and_a_schedule_only_when_recurring()
    {
        var (form, _) = await OpenNewAsync();

        Assert.NotNull(form.Find("[data-testid=price-unit-amount]"));
        Assert.Empty(form.FindAll("[data-testid=package-fields]"));
        Assert.Empty(form.FindAll("[data-testid=tiered-fields]"));
        Assert.Empty(form.FindAll("[data-testid=recurring-fields]"));

        form.Choose("[data-testid=price-scheme]", "Package");
        Assert.NotNull(form.Find("[data-testid=package-fields] input[data-testid=price-package-size]"));
        Assert.Empty(form.FindAll("[data-testid=price-unit-amount]"));

        form.Choose("[data-testid=price-scheme]", "Tiered");
        // The radio group hands its value over asynchronously: on a busy machine the tiers render a moment later.
        form.WaitForAssertion(() => Assert.Equal(2, TierRows(form)));
        Assert.Contains("∞ and above", form.Find("[data-testid=tier-editor]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=package-fields]"));

        form.Choose("[data-testid=price-type]", "On a schedule");
        Assert.NotNull(form.Find("[data-testid=recurring-fields]"));
    }

    [Fact]
    public async Task The_quote_follows_the_amounts_as_they_are_typed_and_saves_nothing()
    {
        var (form, product) = await OpenNewAsync();
        Assert.StartsWith("Complete the amounts to see a quote: ", form.Find("[data-testid=quote-text]").TextContent.Trim());

        form.Find("input[data-testid=price-unit-amount]").Input("2.50");
        Assert.Equal("12 units cost $30.00: 12 × $2.50", form.Find("[data-testid=quote-text]").TextContent.Trim());

        TypeGraduated(form);
        var quote = form.Find("[data-testid=quote-text]").TextContent;
        Assert.Contains("12 units cost $51.00", quote);
        Assert.Contains("5 × $5.00 + 5 × $4.00 + 2 × $3.00", quote);

        form.Find("input[data-testid=preview-quantity]").Input("3");
        Assert.Contains("3 units cost $15.00", form.Find("[data-testid=quote-text]").TextContent);
        form.Find("input[data-testid=preview-quantity]").Input("lots");
        Assert.Equal("Enter a whole quantity to preview.", form.Find("[data-testid=quote-text]").TextContent.Trim());
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Add_tier_inserts_a_row_before_the_open_ended_one_and_remove_takes_one_out()
    {
        var (form, product) = await OpenNewAsync();
        form.Choose("[data-testid=price-scheme]", "Tiered");
        Tier(form, 1, "5", "5.00");
        Tier(form, 2, null, "3.00");

        form.Find("[data-testid=add-tier]").Click();

        Assert.Equal(3, TierRows(form));
        Assert.Equal("5.00", Value(form, "input[aria-label='Tier 1 price per unit']"));
        Assert.Equal("", Value(form, "input[aria-label='Tier 2 price per unit']") ?? "");
        Assert.Equal("3.00", Value(form, "input[aria-label='Tier 3 price per unit']"));
        Assert.Empty(form.FindAll("input[aria-label='Tier 3 up to']"));

        form.FindAll("[data-testid=remove-tier]")[0].Click();

        Assert.Equal(2, TierRows(form));
        Assert.Equal("", Value(form, "input[aria-label='Tier 1 price per unit']") ?? "");
        Assert.Equal("3.00", Value(form, "input[aria-label='Tier 2 price per unit']"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Save_creates_the_price_and_opens_the_product_saying_so()
    {
        var (form, product) = await OpenNewAsync();

        form.Find("input[data-testid=price-nickname]").Input("Volume deal");
        TypeGraduated(form);
        await SaveAsync(form);

        var price = await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().SingleAsync(p => p.ProductId == product.Id));
        Assert.Equal("usd", price.Currency);
        Assert.Equal("Volume deal", price.Nickname);
        Assert.Equal(TiersMode.Graduated, price.TiersMode);
        Assert.Equal([(5L, 500L), (10L, 400L), (long.MaxValue, 300L)], price.Tiers.Select(t => (t.UpTo ?? long.MaxValue, t.UnitAmount)).ToList());
        Assert.Equal($"http://localhost/catalog/products/{product.PublicId}?message=Price%20created.", Navigation.Uri);

        // The product page lists it.
        var page = RenderInteractive<ProductView>(p => p.Add(x => x.Id, product.PublicId));
        page.WaitForElement("[data-testid=price-table]");
        var row = Assert.Single(page.FindAll("[data-testid=price-table] tbody tr"));
        Assert.Contains("Tiered (graduated, from $5.00)", row.TextContent);
        Assert.Contains("Volume deal", row.TextContent);
        Assert.Equal("Active", row.QuerySelector("[data-testid=price-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_recurring_package_price_is_saved_with_its_schedule()
    {
        var (form, product) = await OpenNewAsync();

        form.Choose("[data-testid=price-type]", "On a schedule");
        form.Find("input[data-testid=price-interval-count]").Input("3");
        form.Choose("[data-testid=price-scheme]", "Package");
        form.Find("input[data-testid=price-package-size]").Input("10");
        form.Find("input[data-testid=price-package-amount]").Input("20.00");
        await SaveAsync(form);

        var price = await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().SingleAsync(p => p.ProductId == product.Id));
        Assert.Equal(PriceType.Recurring, price.Type);
        Assert.Equal(PriceInterval.Month, price.Interval);
        Assert.Equal(3, price.IntervalCount);
        Assert.Equal(BillingScheme.Package, price.BillingScheme);
        Assert.Equal(10, price.PackageSize);
        Assert.Equal(2000, price.UnitAmount);
    }

    [Fact]
    public async Task Tiers_that_do_not_go_up_are_refused_on_the_tier()
    {
        var (form, product) = await OpenNewAsync();
        TypeGraduated(form);
        Tier(form, 1, "10", "5.00");
        Tier(form, 2, "5", "4.00");

        await SaveAsync(form);

        Assert.Contains("Tiers must go up", form.MessageUnder("input[aria-label='Tier 2 up to']"));
        Assert.Null(form.MessageUnder("input[aria-label='Tier 1 up to']"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Text_that_is_not_an_amount_is_refused_under_unit_amount_and_kept()
    {
        var (form, product) = await OpenNewAsync();

        form.Find("input[data-testid=price-unit-amount]").Input("abc");
        await SaveAsync(form);

        Assert.Contains("'abc' is not an amount in USD", form.MessageUnder("input[data-testid=price-unit-amount]"));
        Assert.Equal("abc", Value(form, "input[data-testid=price-unit-amount]"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Package_of_zero_units_is_refused_under_the_package_size()
    {
        var (form, product) = await OpenNewAsync();

        form.Choose("[data-testid=price-scheme]", "Package");
        form.Find("input[data-testid=price-package-size]").Input("0");
        form.Find("input[data-testid=price-package-amount]").Input("10.00");
        await SaveAsync(form);

        Assert.Equal("A package holds at least 1 unit.", form.MessageUnder("input[data-testid=price-package-size]"));
        Assert.Null(form.MessageUnder("input[data-testid=price-package-amount]"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Recurring_price_every_zero_intervals_is_refused_under_the_interval_count()
    {
        var (form, product) = await OpenNewAsync();

        form.Choose("[data-testid=price-type]", "On a schedule");
        form.Find("input[data-testid=price-interval-count]").Input("0");
        form.Find("input[data-testid=price-unit-amount]").Input("9.00");
        await SaveAsync(form);

        Assert.Equal("The interval count must be 1 or more.", form.MessageUnder("input[data-testid=price-interval-count]"));
        Assert.NotNull(form.Find("[data-testid=recurring-fields]"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Yen_amount_with_decimals_is_refused()
    {
        var (form, product) = await OpenNewAsync();

        Select(form, "Currency", "JPY");
        form.WaitForAssertion(() => Assert.Contains("Price per unit (JPY)", form.Markup));
        form.Find("input[data-testid=price-unit-amount]").Input("1.5");
        await SaveAsync(form);

        Assert.Contains("'1.5' is not an amount in JPY (whole numbers only).", form.MessageUnder("input[data-testid=price-unit-amount]"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Replacing_a_price_creates_a_new_one_and_marks_the_old_one_replaced()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Beans");
        var old = await factory.SeedPriceAsync(person.OrganizationId, product.Id, "usd", 500);
        var form = await OpenAsync(person, null, old.PublicId);

        Assert.Equal("5.00", Value(form, "input[data-testid=price-unit-amount]"));
        Assert.Empty(form.FindAll("[data-testid=price-currency]"));
        form.Find("input[data-testid=price-unit-amount]").Input("7.50");
        await SaveAsync(form);

        var prices = await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().Where(p => p.ProductId == product.Id).ToListAsync());
        var replacement = prices.Single(p => p.Id != old.Id);
        Assert.Equal(replacement.Id, prices.Single(p => p.Id == old.Id).ReplacedByPriceId);
        Assert.Equal(750, replacement.UnitAmount);
        Assert.Equal("usd", replacement.Currency);
        Assert.True(replacement.Active);
        Assert.StartsWith($"http://localhost/catalog/products/{product.PublicId}?message=New%20price%20created", Navigation.Uri);

        // The product page shows both: the old one replaced, the new one active.
        var page = RenderInteractive<ProductView>(p => p.Add(x => x.Id, product.PublicId));
        page.WaitForElement("[data-testid=price-table]");
        var rows = page.FindAll("[data-testid=price-table] tbody tr");
        Assert.Equal(2, rows.Count);
        var oldRow = rows.Single(r => r.TextContent.Contains(old.PublicId));
        var newRow = rows.Single(r => !r.TextContent.Contains(old.PublicId));
        Assert.Equal("Replaced", oldRow.QuerySelector("[data-testid=price-status]")!.TextContent.Trim());
        Assert.Contains("$5.00", oldRow.TextContent);
        Assert.Equal("Active", newRow.QuerySelector("[data-testid=price-status]")!.TextContent.Trim());
        Assert.Contains("$7.50", newRow.TextContent);
    }

    [Fact]
    public async Task A_refusal_without_a_field_on_the_form_shows_above_it_and_saves_nothing()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Beans");
        var old = await factory.SeedPriceAsync(person.OrganizationId, product.Id, "usd", 500);
        var form = await OpenAsync(person, null, old.PublicId);
        // Archived behind the open form's back (another tab, the API).
        await factory.WithDbAsync(async db =>
        {
            var price = await db.Prices.IgnoreQueryFilters().SingleAsync(p => p.Id == old.Id);
            price.Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        form.Find("input[data-testid=price-unit-amount]").Input("7.50");
        await SaveAsync(form);

        Assert.Equal("This price is archived; change the price that replaced it instead.", form.Find("[data-testid=form-errors]").TextContent.Trim());
        Assert.Null(form.MessageUnder("input[data-testid=price-unit-amount]"));
        Assert.Equal(1, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task A_custom_price_needs_the_list_price_it_overrides_and_is_saved_under_it()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Beans");
        var list = await factory.SeedPriceAsync(person.OrganizationId, product.Id, "usd", 500);
        var form = await OpenAsync(person, product.PublicId, null);

        form.Find(".mud-expand-panel-header").Click();
        form.Choose("[data-testid=price-scope]", "Custom price");
        form.Find("input[data-testid=price-unit-amount]").Input("4.00");
        await SaveAsync(form);

        var parent = form.FindAll(".mud-select").First(s => s.QuerySelector("label")?.TextContent.Trim() == "Overrides the list price");
        Assert.Equal("A custom price names the list price it overrides (parent_list_price).",
            parent.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim());
        Assert.Equal(1, await PriceCountAsync(product.Id));

        Select(form, "Overrides the list price", "$5.00 (USD)");
        await SaveAsync(form);

        var custom = await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().SingleAsync(p => p.ProductId == product.Id && p.Id != list.Id));
        Assert.Equal(PriceScope.Custom, custom.Scope);
        Assert.Equal(list.Id, custom.ParentPriceId);
        Assert.Equal(400, custom.UnitAmount);
    }

    /// <summary>As in <see cref="PersistentStateTests"/>: a first render stands for the prerender, a second one for the
    /// interactive render. The price archived in between would not be found by a second read.</summary>
    [Fact]
    public async Task The_interactive_render_starts_from_what_was_prerendered_without_reading_it_again()
    {
        var state = AddBunitPersistentComponentState();
        Services.AddSupplyValueFromPersistentComponentStateProvider();
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Beans");
        var old = await factory.SeedPriceAsync(person.OrganizationId, product.Id, "usd", 500);
        var prerendered = await OpenAsync(person, null, old.PublicId);
        Assert.Equal("5.00", Value(prerendered, "input[data-testid=price-unit-amount]"));

        state.TriggerOnPersisting();
        await DisposeComponentsAsync();
        await factory.WithDbAsync(async db =>
        {
            var price = await db.Prices.IgnoreQueryFilters().SingleAsync(p => p.Id == old.Id);
            price.Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var interactive = RenderInteractive<PriceForm>(p => p.Add(x => x.PriceId, old.PublicId));

        Assert.Equal("5.00", Value(interactive, "input[data-testid=price-unit-amount]"));
        Assert.Contains(old.PublicId, interactive.Markup);
    }

    /// <summary>A browser's Enter key submits a form through its submit button: only save is one; the tier buttons are not.</summary>
    [Fact]
    public async Task Enter_in_a_field_saves_and_no_tier_button_submits()
    {
        var (form, product) = await OpenNewAsync();
        form.Choose("[data-testid=price-scheme]", "Tiered");

        var submits = form.FindAll("[data-testid=price-form] button[type=submit]");
        Assert.Equal("save-price", Assert.Single(submits).GetAttribute("data-testid"));
        Assert.All(form.FindAll("[data-testid=remove-tier], [data-testid=add-tier]"), b => Assert.Equal("button", b.GetAttribute("type")));
        Tier(form, 1, "5", "5.00");
        Tier(form, 2, null, "3.00");
        await SaveAsync(form);
        Assert.Equal(1, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Another_organizations_product_and_price_are_not_found()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        var theirs = await factory.SeedProductAsync(other.OrganizationId, "Their Secret Blend");
        var theirPrice = await factory.SeedPriceAsync(other.OrganizationId, theirs.Id, "usd", 4321);
        UseApp(factory, await factory.PrincipalAsync(person));

        var forProduct = RenderInteractive<PriceForm>(p => p.Add(x => x.ProductId, theirs.PublicId));
        forProduct.WaitForAssertion(() => Assert.Contains("Not found", forProduct.Markup));
        Assert.DoesNotContain("Their Secret Blend", forProduct.Markup);
        var forPrice = Render<PriceForm>(p => p.Add(x => x.PriceId, theirPrice.PublicId));
        forPrice.WaitForAssertion(() => Assert.Contains("Not found", forPrice.Markup));
        Assert.DoesNotContain("43.21", forPrice.Markup);
        Assert.Empty(forPrice.FindAll("[data-testid=price-form]"));
    }

    private Task<int> PriceCountAsync(Guid productId) =>
        factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().CountAsync(p => p.ProductId == productId));
}
