using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

/// <summary>The merchant's Discounts pages: the list (empty state, filter, search), the form (validation shared with the
/// API), editing the limits, and archiving with a confirmation.</summary>
[Collection(AppCollection.Name)]
public sealed class DiscountPagesTests(NumiFactory factory)
{
    private static Dictionary<string, string> NewCode(string code, string percent = "10") => new()
    {
        ["Input.Code"] = code, ["Input.Kind"] = "percent", ["Input.PercentOff"] = percent,
    };

    private static async Task<string> CreateAsync(Browser owner, Dictionary<string, string> values)
    {
        using var created = await owner.SubmitWithAsync("/discounts/new", "discount", values);
        var target = created.RedirectTarget();
        Assert.StartsWith("/discounts/disc_", target);
        return target.Split('?')[0];
    }

    [Fact]
    public async Task A_new_merchant_sees_the_empty_state_and_the_nav_entry()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/discounts");

        Assert.Contains("No discount codes yet", page.QuerySelector("section.numi-empty h2")?.TextContent);
        Assert.NotNull(page.QuerySelector("nav a[href='discounts']"));
        Assert.Null(page.QuerySelector("[data-testid=discount-table]"));
    }

    [Fact]
    public async Task Creating_a_code_lists_it_with_its_terms_uses_and_window()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var beans = await factory.SeedProductAsync(organizationId, "Beans");
        await factory.SeedProductAsync(organizationId, "Grinder");

        var path = await CreateAsync(owner, new Dictionary<string, string>(NewCode("Welcome10"))
        {
            ["Input.MaxRedemptions"] = "50", ["Input.OncePerCustomer"] = "true", ["Input.ValidUntil"] = "2030-12-31T23:59",
            ["Input.Products"] = beans.Id.ToString(),
        });

        var page = await owner.GetPageAsync(path);
        Assert.Equal("Welcome10", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("10%, once", page.QuerySelector("[data-testid=discount-terms]")!.TextContent);
        var row = Assert.Single((await owner.GetPageAsync("/discounts")).QuerySelectorAll("[data-testid=discount-table] tbody tr"));
        Assert.Contains("Welcome10", row.TextContent);
        Assert.Contains("0 of 50 · once per customer", row.QuerySelector("[data-testid=times-redeemed]")!.TextContent);
        Assert.Contains("Until 2030-12-31 23:59", row.TextContent);
        var stored = await factory.WithDbAsync(db => db.DiscountCodes.IgnoreQueryFilters().SingleAsync(c => c.OrganizationId == organizationId));
        Assert.Equal(new DateTime(2030, 12, 31, 23, 59, 0, DateTimeKind.Utc), stored.ValidUntil);
        Assert.Equal("WELCOME10", stored.CodeKey);
        Assert.Equal([beans.Id], stored.ProductIds);
        Assert.Equal("Beans", page.QuerySelectorAll("[data-testid=discount-terms] dd")[1].TextContent.Trim());
    }

    [Fact]
    public async Task A_code_for_no_particular_product_can_be_created_where_products_exist()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        await factory.SeedProductAsync(organizationId, "Beans");

        var page = await owner.GetPageAsync(await CreateAsync(owner, NewCode("ALL10")));

        Assert.Contains("Every product", page.QuerySelector("[data-testid=discount-terms]")!.TextContent);
    }

    [Fact]
    public async Task Bad_fields_get_messages_under_them_and_a_code_in_another_case_is_taken()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        await CreateAsync(owner, NewCode("SPRING"));

        using var bad = await owner.SubmitWithAsync("/discounts/new", "discount", NewCode("a b", "0"));
        var page = await bad.PageAsync();
        Assert.Equal("A code has 3 to 40 letters, digits, '-' or '_'.", page.FieldMessage("code"));
        Assert.Equal("The percentage must be a whole number from 1 to 100.", page.FieldMessage("percent_off"));
        page.AssertInvalid("Input.PercentOff");

        using var taken = await owner.SubmitWithAsync("/discounts/new", "discount", NewCode("spring"));
        Assert.Contains("already a code SPRING", (await taken.PageAsync()).FieldMessage("code"));

        using var amount = await owner.SubmitWithAsync("/discounts/new", "discount", new Dictionary<string, string>
        {
            ["Input.Code"] = "FIVE", ["Input.Kind"] = "amount", ["Input.AmountOff"] = "five", ["Input.Currency"] = "usd",
        });
        Assert.Equal("Enter the amount off, e.g. 5.00, and its currency.", (await amount.PageAsync()).FieldMessage("amount_off"));
    }

    [Theory]
    [InlineData("0001-01-01T00:00", "", "valid_from", "between 2000-01-01 and 2100-01-01")]
    [InlineData("1999-12-31T23:59", "", "valid_from", "between 2000-01-01 and 2100-01-01")]
    [InlineData("", "2100-01-01T00:01", "valid_until", "between 2000-01-01 and 2100-01-01")]
    [InlineData("", "9999-12-31T23:59", "valid_until", "between 2000-01-01 and 2100-01-01")]
    [InlineData("2030-06-01T10:00", "2030-06-01T10:00", "valid_until", "The code must end after it starts.")]
    public async Task A_window_outside_the_century_or_ending_before_it_starts_is_refused_under_its_field(string from, string until, string field, string message)
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);

        using var refused = await owner.SubmitWithAsync("/discounts/new", "discount",
            new Dictionary<string, string>(NewCode("WINDOW")) { ["Input.ValidFrom"] = from, ["Input.ValidUntil"] = until });

        Assert.Contains(message, (await refused.PageAsync()).FieldMessage(field));
        Assert.False(await factory.WithDbAsync(db => db.DiscountCodes.IgnoreQueryFilters().AnyAsync(c => c.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task Archiving_asks_for_a_confirmation_then_moves_the_code_to_the_archived_filter()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var path = await CreateAsync(owner, NewCode("BYE"));

        using var unconfirmed = await owner.SubmitWithAsync(path, "archive", new Dictionary<string, string>());
        Assert.Equal("Tick the box to confirm archiving the code.", (await unconfirmed.PageAsync()).FieldMessage("archive"));
        Assert.Single((await owner.GetPageAsync("/discounts?status=active")).QuerySelectorAll("[data-testid=discount-table] tbody tr"));

        using var confirmed = await owner.SubmitWithAsync(path, "archive", new Dictionary<string, string> { ["ArchiveInput.Confirm"] = "true" });
        Assert.Contains("Code archived.", (await owner.FollowAsync(confirmed)).Text());
        Assert.Contains("No active codes match", (await owner.GetPageAsync("/discounts?status=active")).Text());
        Assert.Contains("Archived", (await owner.GetPageAsync("/discounts?status=archived")).QuerySelector("[data-testid=discount-table] tbody tr")!.TextContent);
    }

    [Fact]
    public async Task Editing_changes_the_limits_and_search_finds_codes_whatever_the_case()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var path = await CreateAsync(owner, NewCode("SUMMER"));
        await CreateAsync(owner, NewCode("WINTER"));

        using var saved = await owner.SubmitWithAsync(path, "discount", new Dictionary<string, string> { ["Input.MaxRedemptions"] = "3" });
        Assert.Contains("Changes saved.", (await owner.FollowAsync(saved)).Text());

        var found = await owner.GetPageAsync("/discounts?q=summ");
        var row = Assert.Single(found.QuerySelectorAll("[data-testid=discount-table] tbody tr"));
        Assert.Contains("0 of 3", row.TextContent);
    }

    [Fact]
    public async Task Another_organization_gets_404_for_a_code_and_does_not_list_it()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var path = await CreateAsync(owner, NewCode("PRIVATE"));
        using var other = factory.CreateBrowser();
        await other.SignUpAsync();

        using var foreign = await other.Client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("No discount codes yet", (await other.GetPageAsync("/discounts")).Text());
    }
}
