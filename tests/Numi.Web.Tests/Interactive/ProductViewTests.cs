using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Web.Features.Catalog;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Interactive;

/// <summary>The product page against the real database: details, prices, archive and restore with a confirmation,
/// and nothing of another organization.</summary>
[Collection(AppCollection.Name)]
public sealed class ProductViewTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<ProductView>> OpenAsync(CircuitPerson person, string id, string? message = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<ProductView>(p => p.Add(x => x.Id, id).Add(x => x.Message, message));
    }

    [Fact]
    public async Task Shows_the_product_its_prices_with_their_status_and_the_message_it_was_sent_with()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "House Blend", "house_blend");
        var old = await factory.SeedPriceAsync(person.OrganizationId, product.Id, "usd", 1200);
        await factory.SeedPriceAsync(person.OrganizationId, product.Id, "usd", 1500);
        await factory.WithDbAsync(async db =>
        {
            var price = await db.Prices.IgnoreQueryFilters().SingleAsync(p => p.Id == old.Id);
            price.Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var page = await OpenAsync(person, product.PublicId, "Product created.");

        page.WaitForAssertion(() => Assert.Equal("House Blend", page.Find("h1").TextContent.Trim()));
        Assert.Equal("Product created.", page.Find("[data-testid=product-message]").TextContent.Trim());
        var details = page.Find("[data-testid=product-details]").TextContent;
        Assert.Contains("house_blend", details);
        Assert.Contains(product.PublicId, details);
        var rows = page.FindAll("[data-testid=price-table] tbody tr");
        Assert.Equal(2, rows.Count);
        // Active prices first.
        Assert.Contains("$15.00", rows[0].TextContent);
        Assert.Equal("Active", rows[0].QuerySelector("[data-testid=price-status]")!.TextContent.Trim());
        Assert.Contains("$12.00", rows[1].TextContent);
        Assert.Equal("Archived", rows[1].QuerySelector("[data-testid=price-status]")!.TextContent.Trim());
        Assert.NotNull(page.Find($"a[href='catalog/products/{product.PublicId}/prices/new']"));
    }

    /// <summary>As in <see cref="PersistentStateTests"/>: a first render stands for the prerender, a second one for the
    /// interactive render. A rename in between shows the product was not read again.</summary>
    [Fact]
    public async Task The_interactive_render_shows_the_prerendered_product_without_reading_it_again()
    {
        var state = AddBunitPersistentComponentState();
        Services.AddSupplyValueFromPersistentComponentStateProvider();
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "First Name");
        var prerendered = await OpenAsync(person, product.PublicId);
        prerendered.WaitForAssertion(() => Assert.Equal("First Name", prerendered.Find("h1").TextContent.Trim()));

        state.TriggerOnPersisting();
        await DisposeComponentsAsync();
        await factory.WithDbAsync(async db =>
        {
            var tracked = await db.Products.IgnoreQueryFilters().SingleAsync(p => p.Id == product.Id);
            tracked.Update(new Numi.Core.Catalog.ProductFields("Renamed Since"), DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var interactive = RenderInteractive<ProductView>(p => p.Add(x => x.Id, product.PublicId));

        Assert.Equal("First Name", interactive.Find("h1").TextContent.Trim());
    }

    [Fact]
    public async Task A_product_without_prices_says_so()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Lonely Mug");

        var page = await OpenAsync(person, product.PublicId);

        page.WaitForAssertion(() => Assert.Contains("No prices yet", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=price-table]"));
    }

    [Fact]
    public async Task Archiving_the_product_asks_first_then_archives_it_and_says_so_and_restoring_does_not_ask()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Seasonal Blend");
        var page = await OpenAsync(person, product.PublicId);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        page.WaitForElement("[data-testid=archive-product]");

        page.Find("[data-testid=archive-product]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive this product?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Archive this product?", dialogs.Markup));
        Assert.True(await ActiveAsync(product.Id));

        page.Find("[data-testid=archive-product]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive this product?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("Product archived.", snackbars.Markup));
        Assert.False(await ActiveAsync(product.Id));
        page.WaitForAssertion(() => Assert.Equal("Restore", page.Find("[data-testid=archive-product]").TextContent.Trim()));
        Assert.Empty(page.FindAll($"a[href='catalog/products/{product.PublicId}/prices/new']"));

        page.Find("[data-testid=archive-product]").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("Product restored.", snackbars.Markup));
        Assert.True(await ActiveAsync(product.Id));
    }

    [Fact]
    public async Task Archiving_a_price_asks_first_and_restoring_it_brings_it_back()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Beans");
        var price = await factory.SeedPriceAsync(person.OrganizationId, product.Id, "usd", 900);
        var page = await OpenAsync(person, product.PublicId);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var button = $"[data-testid=archive-{price.PublicId}]";
        page.WaitForElement(button);

        page.Find(button).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive this price?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("Price archived.", snackbars.Markup));
        Assert.False(await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().Where(p => p.Id == price.Id).Select(p => p.Active).SingleAsync()));
        page.WaitForAssertion(() => Assert.Equal("Archived", page.Find("[data-testid=price-status]").TextContent.Trim()));

        page.Find(button).Click();
        snackbars.WaitForAssertion(() => Assert.Contains("Price restored.", snackbars.Markup));
        Assert.True(await factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().Where(p => p.Id == price.Id).Select(p => p.Active).SingleAsync()));
    }

    [Fact]
    public async Task Another_organizations_product_is_not_found_and_nothing_of_it_shows()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        var theirs = await factory.SeedProductAsync(other.OrganizationId, "Their Secret Blend");

        var page = await OpenAsync(person, theirs.PublicId);

        page.WaitForAssertion(() => Assert.Contains("Product not found", page.Markup));
        Assert.DoesNotContain("Their Secret Blend", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=archive-product]"));
    }

    private Task<bool> ActiveAsync(Guid productId) =>
        factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().Where(p => p.Id == productId).Select(p => p.Active).SingleAsync());
}
