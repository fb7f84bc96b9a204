using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class PriceFormTests(NumiFactory factory)
{
    /// <summary>A graduated price: units 1–5 at $5.00, 6–10 at $4.00, 11 and up at $3.00.</summary>
    private static readonly Dictionary<string, string> Graduated = new()
    {
        ["Input.Currency"] = "usd",
        ["Input.Type"] = "one_time",
        ["Input.Scheme"] = "tiered",
        ["Input.TiersMode"] = "graduated",
        ["Input.Tiers[0].UpTo"] = "5",
        ["Input.Tiers[0].UnitAmount"] = "5.00",
        ["Input.Tiers[1].UpTo"] = "10",
        ["Input.Tiers[1].UnitAmount"] = "4.00",
        ["Input.Tiers[2].UpTo"] = "",
        ["Input.Tiers[2].UnitAmount"] = "3.00",
    };

    [Fact]
    public async Task Preview_quotes_a_graduated_price_with_its_breakdown_and_saves_nothing()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);

        using var response = await owner.SubmitWithAsync(url, "price", With(Graduated, ("Input.PreviewQuantity", "12"), ("Input.Action", "preview")));

        var page = await response.PageAsync();
        var quote = page.QuerySelector("[data-testid=quote-text]")!.TextContent;
        Assert.Contains("12 units cost $51.00", quote);
        Assert.Contains("5 × $5.00 + 5 × $4.00 + 2 × $3.00", quote);
        // The typed tiers come back as they were.
        Assert.Equal(3, TierRows(page));
        Assert.Equal("4.00", page.Field("Input.Tiers[1].UnitAmount").GetAttribute("value"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Add_tier_adds_a_row_and_remove_tier_removes_one_without_saving()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);
        var twoTiers = new Dictionary<string, string>
        {
            ["Input.Currency"] = "usd", ["Input.Scheme"] = "tiered",
            ["Input.Tiers[0].UpTo"] = "5", ["Input.Tiers[0].UnitAmount"] = "5.00", ["Input.Tiers[1].UnitAmount"] = "3.00",
        };
        Assert.Equal(2, TierRows(await owner.GetPageAsync(url)));

        using var added = await owner.SubmitWithAsync(url, "price", With(twoTiers, ("Input.Action", "add-tier")));
        var three = await added.PageAsync();
        Assert.Equal(3, TierRows(three));
        // The new row goes before the open-ended last tier, which keeps its amount.
        Assert.Equal("5.00", three.Field("Input.Tiers[0].UnitAmount").GetAttribute("value"));
        Assert.Equal("", three.Field("Input.Tiers[1].UnitAmount").GetAttribute("value") ?? "");
        Assert.Equal("3.00", three.Field("Input.Tiers[2].UnitAmount").GetAttribute("value"));

        var form = Form.From(three, url, "price");
        form.Fields["Input.Action"] = "remove-tier-0";
        using var removed = await owner.PostAsync(form);
        var two = await removed.PageAsync();
        Assert.Equal(2, TierRows(two));
        Assert.Equal("", two.Field("Input.Tiers[0].UnitAmount").GetAttribute("value") ?? "");
        Assert.Equal("3.00", two.Field("Input.Tiers[1].UnitAmount").GetAttribute("value"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Save_creates_the_price_and_the_product_page_lists_it()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);

        using var saved = await owner.SubmitWithAsync(url, "price", With(Graduated, ("Input.Nickname", "Volume deal"), ("Input.Action", "save")));

        Assert.Equal($"/catalog/products/{product.PublicId}", saved.RedirectTarget().Split('?')[0]);
        var page = await owner.FollowAsync(saved);
        Assert.Contains("Price created.", page.QuerySelector("[role=status]")?.TextContent);
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=price-table] tbody tr"));
        Assert.Contains("Tiered (graduated, from $5.00)", row.TextContent);
        Assert.Contains("Volume deal", row.TextContent);
        Assert.Contains("Active", row.TextContent);

        var price = await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().SingleAsync(p => p.ProductId == product.Id));
        Assert.Equal("usd", price.Currency);
        Assert.Equal([(5L, 500L), (10L, 400L), (long.MaxValue, 300L)], price.Tiers.Select(t => (t.UpTo ?? long.MaxValue, t.UnitAmount)).ToList());
    }

    [Fact]
    public async Task Tiers_that_do_not_go_up_are_refused_on_the_tier()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);

        using var response = await owner.SubmitWithAsync(url, "price",
            With(Graduated, ("Input.Tiers[0].UpTo", "10"), ("Input.Tiers[1].UpTo", "5"), ("Input.Action", "save")));

        var page = await response.PageAsync();
        Assert.Contains("Tiers must go up", page.FieldMessage("tiers[1].up_to"));
        page.AssertInvalid("Input.Tiers[1].UpTo");
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Text_that_is_not_an_amount_is_refused_under_unit_amount()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);

        using var response = await owner.SubmitWithAsync(url, "price", new Dictionary<string, string>
        {
            ["Input.Currency"] = "usd", ["Input.Scheme"] = "per_unit", ["Input.UnitAmount"] = "abc", ["Input.Action"] = "save",
        });

        var page = await response.PageAsync();
        Assert.Contains("'abc' is not an amount in USD", page.FieldMessage("unit_amount"));
        page.AssertInvalid("Input.UnitAmount");
        Assert.Equal("abc", page.Field("Input.UnitAmount").GetAttribute("value"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Package_of_zero_units_is_refused_under_the_package_size()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);

        using var response = await owner.SubmitWithAsync(url, "price", new Dictionary<string, string>
        {
            ["Input.Currency"] = "usd", ["Input.Scheme"] = "package", ["Input.PackageSize"] = "0", ["Input.PackageAmount"] = "10.00", ["Input.Action"] = "save",
        });

        var page = await response.PageAsync();
        Assert.Equal("A package holds at least 1 unit.", page.FieldMessage("package.size"));
        page.AssertInvalid("Input.PackageSize");
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Recurring_price_every_zero_intervals_is_refused_under_the_interval_count()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);

        using var response = await owner.SubmitWithAsync(url, "price", new Dictionary<string, string>
        {
            ["Input.Currency"] = "usd", ["Input.Type"] = "recurring", ["Input.Interval"] = "month", ["Input.IntervalCount"] = "0",
            ["Input.Scheme"] = "per_unit", ["Input.UnitAmount"] = "9.00", ["Input.Action"] = "save",
        });

        var page = await response.PageAsync();
        Assert.Equal("The interval count must be 1 or more.", page.FieldMessage("interval_count"));
        page.AssertInvalid("Input.IntervalCount");
        Assert.NotNull(page.QuerySelector("#price-type-recurring[checked]"));
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Yen_amount_with_decimals_is_refused()
    {
        using var owner = factory.CreateBrowser();
        var (url, product) = await NewPriceUrlAsync(owner);

        using var response = await owner.SubmitWithAsync(url, "price", new Dictionary<string, string>
        {
            ["Input.Currency"] = "jpy", ["Input.Scheme"] = "per_unit", ["Input.UnitAmount"] = "1.5", ["Input.Action"] = "save",
        });

        var page = await response.PageAsync();
        Assert.Contains("'1.5' is not an amount in JPY (whole numbers only).", page.FieldMessage("unit_amount"));
        page.AssertInvalid("Input.UnitAmount");
        Assert.Equal("jpy", ((IHtmlSelectElement)page.QuerySelector("#price-currency")!).Options.Single(o => o.HasAttribute("selected")).Value);
        Assert.Equal(0, await PriceCountAsync(product.Id));
    }

    [Fact]
    public async Task Replacing_a_price_creates_a_new_one_and_marks_the_old_one_replaced()
    {
        using var owner = factory.CreateBrowser();
        var (_, product) = await NewPriceUrlAsync(owner);
        var old = await factory.SeedPriceAsync(product.OrganizationId, product.Id, "usd", 500);

        var replacePage = await owner.GetPageAsync($"/catalog/prices/{old.PublicId}/replace");
        Assert.Equal("5.00", replacePage.Field("Input.UnitAmount").GetAttribute("value"));
        using var saved = await owner.SubmitWithAsync($"/catalog/prices/{old.PublicId}/replace", "price",
            new Dictionary<string, string> { ["Input.Scheme"] = "per_unit", ["Input.UnitAmount"] = "7.50", ["Input.Action"] = "save" });

        var page = await owner.FollowAsync(saved);
        var rows = page.QuerySelectorAll("[data-testid=price-table] tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        var oldRow = rows.Single(r => r.TextContent.Contains(old.PublicId));
        var newRow = rows.Single(r => !r.TextContent.Contains(old.PublicId));
        Assert.Equal("Replaced", oldRow.QuerySelector(".badge")?.TextContent.Trim());
        Assert.Contains("$5.00", oldRow.TextContent);
        Assert.Equal("Active", newRow.QuerySelector(".badge")?.TextContent.Trim());
        Assert.Contains("$7.50", newRow.TextContent);

        var prices = await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().Where(p => p.ProductId == product.Id).ToListAsync());
        var replacement = prices.Single(p => p.Id != old.Id);
        Assert.Equal(replacement.Id, prices.Single(p => p.Id == old.Id).ReplacedByPriceId);
        Assert.Equal(750, replacement.UnitAmount);
        Assert.Equal("usd", replacement.Currency);
    }

    /// <summary>A browser's Enter key presses a form's first submit button: it must save, not remove tier 1.</summary>
    [Fact]
    public async Task Enter_in_a_field_presses_save_not_a_remove_button()
    {
        using var owner = factory.CreateBrowser();
        var (url, _) = await NewPriceUrlAsync(owner);

        var page = await owner.GetPageAsync(url);

        var first = page.QuerySelector("#price-form button[type=submit]");
        Assert.Equal("Input.Action", first?.GetAttribute("name"));
        Assert.Equal("save", first?.GetAttribute("value"));
    }

    private async Task<(string Url, Product Product)> NewPriceUrlAsync(Browser owner)
    {
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var product = await factory.SeedProductAsync(organizationId, "Beans");
        return ($"/catalog/products/{product.PublicId}/prices/new", product);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> values, params (string Name, string Value)[] more)
    {
        var all = new Dictionary<string, string>(values);
        foreach (var (name, value) in more) all[name] = value;
        return all;
    }

    private static int TierRows(IHtmlDocument page) =>
        page.QuerySelectorAll("#tier-editor input").Count(i => i.GetAttribute("name") is { } n && n.StartsWith("Input.Tiers[") && n.EndsWith("].UnitAmount"));

    private Task<int> PriceCountAsync(Guid productId) =>
        factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().CountAsync(p => p.ProductId == productId));
}
