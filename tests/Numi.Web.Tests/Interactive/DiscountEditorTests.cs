using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Numi.Web.Features.Discounts;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Interactive;

/// <summary>The discount form against the real database: creating a code (terms, products, limits, dates in the
/// organization's zone), the core's messages under their fields with nothing saved, editing the limits, and archiving
/// after a confirmation.</summary>
[Collection(AppCollection.Name)]
public sealed class DiscountEditorTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<CircuitPerson> SignInAsync()
    {
        var person = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(person));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return person;
    }

    private IRenderedComponent<DiscountEditor> Open(string? id = null, string? message = null)
    {
        var editor = RenderInteractive<DiscountEditor>(p => p.Add(x => x.Id, id).Add(x => x.Message, message));
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.FindAll("form, [role=status]")));
        return editor;
    }

    /// <summary>Fills a new percentage code and submits it.</summary>
    private static void FillNew(IRenderedComponent<DiscountEditor> editor, string code, string percent = "10")
    {
        editor.Type("discount-code", code);
        editor.Type("discount-percent", percent);
    }

    /// <summary>The code's page the editor went to after saving (a full load), and its message.</summary>
    private string SavedPath()
    {
        var uri = new Uri(Navigation.Uri);
        Assert.StartsWith("/discounts/disc_", uri.AbsolutePath);
        return uri.AbsolutePath.Split('/')[^1];
    }

    private string SavedMessage() => Uri.UnescapeDataString(new Uri(Navigation.Uri).Query.Replace("?message=", ""));

    [Fact]
    public async Task Creating_a_code_stores_its_terms_products_and_limits_and_its_page_shows_them()
    {
        var person = await SignInAsync();
        var beans = await factory.SeedProductAsync(person.OrganizationId, "Beans");
        await factory.SeedProductAsync(person.OrganizationId, "Grinder");
        var editor = Open();

        FillNew(editor, "Welcome10");
        editor.Type("discount-max", "50");
        editor.Pick("Once per customer (by email)");
        editor.Type("discount-until", "2030-12-31T23:59");
        editor.Pick("Beans");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Contains("/discounts/disc_", Navigation.Uri));
        Assert.Equal("Code created.", SavedMessage());
        var stored = Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId));
        Assert.Equal(stored.PublicId, SavedPath());
        Assert.Equal(("Welcome10", "WELCOME10", 10), (stored.Code, stored.CodeKey, stored.PercentOff));
        Assert.Equal(new DateTime(2030, 12, 31, 23, 59, 0, DateTimeKind.Utc), stored.ValidUntil);
        Assert.Equal((50, true), (stored.MaxRedemptions, stored.OncePerCustomer));
        Assert.Equal([beans.Id], stored.ProductIds);

        await DisposeComponentsAsync();
        var page = Open(stored.PublicId, "Code created.");
        Assert.Equal("Welcome10", page.Find("h1").TextContent.Trim());
        Assert.Equal("Code created.", page.Find("[data-testid=discount-message]").TextContent.Trim());
        Assert.Contains("10%, once", page.Find("[data-testid=discount-terms]").TextContent);
        Assert.Equal("Beans", page.FindAll("[data-testid=discount-terms] dd")[1].TextContent.Trim());
        Assert.Equal("0", page.Find("[data-testid=times-redeemed]").TextContent.Trim());
        Assert.Equal("50", page.Find("#discount-max").GetAttribute("value"));
        Assert.Equal("2030-12-31T23:59", page.Find("#discount-until").GetAttribute("value"));
        Assert.Empty(page.FindAll("#discount-code"));
    }

    [Fact]
    public async Task A_code_for_no_particular_product_can_be_created_where_products_exist()
    {
        var person = await SignInAsync();
        await factory.SeedProductAsync(person.OrganizationId, "Beans");
        var editor = Open();
        Assert.NotEmpty(editor.FindAll("[data-testid=discount-products] input[type=checkbox]"));

        FillNew(editor, "ALL10");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Contains("/discounts/disc_", Navigation.Uri));
        await DisposeComponentsAsync();
        var page = Open(SavedPath());
        Assert.Contains("Every product", page.Find("[data-testid=discount-terms]").TextContent);
        Assert.Empty(Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId)).ProductIds);
    }

    [Fact]
    public async Task Dates_are_typed_in_the_organizations_time_zone_and_stored_in_utc()
    {
        var person = await SignInAsync();
        await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Id == person.OrganizationId)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.TimeZone, "Europe/Paris")));
        var editor = Open();

        FillNew(editor, "SUMMER");
        editor.Type("discount-from", "2030-07-01T09:00");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Contains("/discounts/disc_", Navigation.Uri));
        var stored = Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId));
        Assert.Equal(new DateTime(2030, 7, 1, 7, 0, 0, DateTimeKind.Utc), stored.ValidFrom); // Paris is UTC+2 in summer
        await DisposeComponentsAsync();
        Assert.Equal("2030-07-01T09:00", Open(stored.PublicId).Find("#discount-from").GetAttribute("value"));
    }

    [Fact]
    public async Task Bad_fields_get_messages_under_them_and_save_nothing()
    {
        var person = await SignInAsync();
        var editor = Open();

        FillNew(editor, "a b", "0");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Equal("A code has 3 to 40 letters, digits, '-' or '_'.", editor.FieldMessage("discount-code")));
        Assert.Equal("The percentage must be a whole number from 1 to 100.", editor.FieldMessage("discount-percent"));
        Assert.Contains("mud-input-error", editor.Find("#discount-percent").Closest(".mud-input-control")!.InnerHtml);
        Assert.Null(editor.FieldMessage("discount-max"));
        Assert.DoesNotContain("/discounts/disc_", Navigation.Uri);
        Assert.Empty(await factory.DiscountsOfAsync(person.OrganizationId));
    }

    [Fact]
    public async Task A_code_in_another_case_is_taken()
    {
        var person = await SignInAsync();
        await factory.SeedDiscountAsync(person.OrganizationId, "SPRING");
        var editor = Open();

        FillNew(editor, "spring");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Contains("already a code SPRING", editor.FieldMessage("discount-code")));
        Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId));
    }

    [Fact]
    public async Task An_amount_that_is_not_money_is_refused_under_its_field()
    {
        var person = await SignInAsync();
        var editor = Open();

        editor.Type("discount-code", "FIVE");
        editor.Pick("An amount");
        editor.Type("discount-amount", "five");
        editor.Type("discount-currency", "usd");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Equal("Enter the amount off, e.g. 5.00, and its currency.", editor.FieldMessage("discount-amount")));
        Assert.Empty(await factory.DiscountsOfAsync(person.OrganizationId));
    }

    [Fact]
    public async Task An_amount_off_is_stored_in_minor_units_of_its_currency()
    {
        var person = await SignInAsync();
        var editor = Open();

        editor.Type("discount-code", "FIVE");
        editor.Pick("An amount");
        editor.Type("discount-amount", "5.50");
        editor.Type("discount-currency", "usd");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Contains("/discounts/disc_", Navigation.Uri));
        var stored = Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId));
        Assert.Equal((null, 550L, "usd"), (stored.PercentOff, stored.AmountOff, stored.Currency));
    }

    [Theory]
    [InlineData("0001-01-01T00:00", "", "discount-from", "between 2000-01-01 and 2100-01-01")]
    [InlineData("1999-12-31T23:59", "", "discount-from", "between 2000-01-01 and 2100-01-01")]
    [InlineData("", "2100-01-01T00:01", "discount-until", "between 2000-01-01 and 2100-01-01")]
    [InlineData("", "9999-12-31T23:59", "discount-until", "between 2000-01-01 and 2100-01-01")]
    [InlineData("2030-06-01T10:00", "2030-06-01T10:00", "discount-until", "The code must end after it starts.")]
    [InlineData("31/12/2030", "", "discount-from", "Enter a date and time such as 2026-12-31T23:59.")]
    public async Task A_window_outside_the_century_or_ending_before_it_starts_is_refused_under_its_field(string from, string until, string field, string message)
    {
        var person = await SignInAsync();
        var editor = Open();

        FillNew(editor, "WINDOW");
        editor.Type("discount-from", from);
        editor.Type("discount-until", until);
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Contains(message, editor.FieldMessage(field)));
        Assert.Empty(await factory.DiscountsOfAsync(person.OrganizationId));
    }

    [Fact]
    public async Task Editing_changes_the_limits_only_and_says_so_on_the_reloaded_page()
    {
        var person = await SignInAsync();
        var summer = await factory.SeedDiscountAsync(person.OrganizationId, "SUMMER");
        var editor = Open(summer.PublicId);

        editor.Type("discount-max", "3");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Contains($"/discounts/{summer.PublicId}", Navigation.Uri));
        Assert.Equal("Changes saved.", SavedMessage());
        var stored = Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId));
        Assert.Equal((3, 10, "SUMMER"), (stored.MaxRedemptions, stored.PercentOff, stored.Code));
        await DisposeComponentsAsync();
        Assert.Contains("Changes saved.", Open(summer.PublicId, SavedMessage()).Find("[data-testid=discount-message]").TextContent);
    }

    [Fact]
    public async Task A_bad_limit_on_an_existing_code_is_refused_under_its_field()
    {
        var person = await SignInAsync();
        var summer = await factory.SeedDiscountAsync(person.OrganizationId, "SUMMER", limits: new(5));
        var editor = Open(summer.PublicId);

        editor.Type("discount-max", "0");
        editor.Submit();

        editor.WaitForAssertion(() => Assert.Equal("The maximum number of uses must be at least 1.", editor.FieldMessage("discount-max")));
        Assert.Equal(5, Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId)).MaxRedemptions);
    }

    [Fact]
    public async Task Archiving_asks_first_and_cancel_archives_nothing()
    {
        var person = await SignInAsync();
        var bye = await factory.SeedDiscountAsync(person.OrganizationId, "BYE");
        var dialogs = Render<MudDialogProvider>();
        var editor = Open(bye.PublicId);

        editor.Find("[data-testid=archive]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive BYE?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Archive BYE?", dialogs.Markup));
        Assert.True(Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId)).Active);
        Assert.DoesNotContain("/discounts/disc_", Navigation.Uri);
    }

    [Fact]
    public async Task Confirming_archives_the_code_and_restoring_needs_no_confirmation()
    {
        var person = await SignInAsync();
        var bye = await factory.SeedDiscountAsync(person.OrganizationId, "BYE");
        var dialogs = Render<MudDialogProvider>();
        var editor = Open(bye.PublicId);

        editor.Find("[data-testid=archive]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive BYE?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();

        editor.WaitForAssertion(() => Assert.Contains($"/discounts/{bye.PublicId}", Navigation.Uri));
        Assert.Equal("Code archived.", SavedMessage());
        Assert.False(Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId)).Active);

        await DisposeComponentsAsync();
        dialogs = Render<MudDialogProvider>();
        var archived = Open(bye.PublicId, SavedMessage());
        Assert.Contains("Code archived.", archived.Find("[data-testid=discount-message]").TextContent);
        Assert.Equal("Restore", archived.Find("[data-testid=archive]").TextContent.Trim());
        archived.Find("[data-testid=archive]").Click();

        archived.WaitForAssertion(() => Assert.Equal("Code restored.", SavedMessage()));
        Assert.DoesNotContain("Archive BYE?", dialogs.Markup);
        Assert.True(Assert.Single(await factory.DiscountsOfAsync(person.OrganizationId)).Active);
    }

    [Fact]
    public async Task An_unknown_or_foreign_id_shows_that_the_code_does_not_exist()
    {
        await SignInAsync();
        var other = await factory.SignUpPersonAsync();
        var foreign = await factory.SeedDiscountAsync(other.OrganizationId, "PRIVATE");

        var page = Open(foreign.PublicId);
        Assert.Contains("This discount code does not exist", page.Markup);
        Assert.DoesNotContain("PRIVATE", page.Markup);
        await DisposeComponentsAsync();
        Assert.Contains("This discount code does not exist", Open("disc_nonsense").Markup);
    }
}
