using System.Net;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Web.Features.Catalog;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Interactive;

/// <summary>The product form against the real database: what is saved, each refusal under its field with nothing
/// saved, the image (uploaded, refused, removed) in one transaction with the product, and tenant isolation.</summary>
[Collection(AppCollection.Name)]
public sealed class ProductFormTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<ProductForm>> OpenAsync(CircuitPerson person, string? id = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        var form = RenderInteractive<ProductForm>(p => p.Add(x => x.Id, id));
        form.WaitForElement("[data-testid=product-form]");
        return form;
    }

    private static void Type(IRenderedComponent<ProductForm> form, string selector, string value) => form.Find(selector).Change(value);

    private static async Task SaveAsync(IRenderedComponent<ProductForm> form)
    {
        await form.Find("[data-testid=product-form]").SubmitAsync();
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=save-product]").HasAttribute("disabled")));
    }

    private static Task ChooseImageAsync(IRenderedComponent<ProductForm> form, string name, string contentType, byte[] content) =>
        form.InvokeAsync(() => form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, name, contentType: contentType)));

    [Fact]
    public async Task Creating_with_every_field_saves_them_and_opens_the_product_saying_so()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        Type(form, "#product-name", "Coffee Club Box");
        Type(form, "textarea", "Three bags a month");
        form.Choose("[data-testid=product-type]", "Subscription");
        Type(form, "#product-lookup", "club_box");
        form.Choose("[data-testid=product-gateway]", "Stripe");
        Type(form, "#product-gateway-id", "prod_ABC123");
        await SaveAsync(form);

        var product = await factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().SingleAsync(p => p.OrganizationId == person.OrganizationId));
        Assert.Equal("Coffee Club Box", product.Name);
        Assert.Equal("Three bags a month", product.Description);
        Assert.Equal(ProductType.Subscription, product.Type);
        Assert.Equal("club_box", product.LookupKey);
        Assert.Equal("stripe", product.GatewayProvider);
        Assert.Equal("prod_ABC123", product.GatewayProductId);
        Assert.Equal($"http://localhost/catalog/products/{product.PublicId}?message=Product%20created.", Navigation.Uri);

        // The page it opens shows them.
        var page = RenderInteractive<ProductView>(p => p.Add(x => x.Id, product.PublicId).Add(x => x.Message, "Product created."));
        page.WaitForAssertion(() => Assert.Equal("Coffee Club Box", page.Find("h1").TextContent.Trim()));
        Assert.Contains("Three bags a month", page.Markup);
        Assert.Equal("Product created.", page.Find("[data-testid=product-message]").TextContent.Trim());
        var details = page.Find("[data-testid=product-details]").TextContent;
        Assert.Contains("Subscription", details);
        Assert.Contains("club_box", details);
        Assert.Contains("stripe", details);
        Assert.Contains("prod_ABC123", details);
        Assert.Contains("No prices yet", page.Markup);
    }

    [Fact]
    public async Task Empty_name_is_refused_under_the_name_keeping_what_was_typed_and_nothing_is_created()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        Type(form, "#product-lookup", "kept_key");
        await SaveAsync(form);

        Assert.Equal("Give the product a name.", form.MessageUnder("#product-name"));
        Assert.Equal("kept_key", form.Find("#product-lookup").GetAttribute("value"));
        Assert.Equal(0, await ProductCountAsync(person.OrganizationId));
        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Fact]
    public async Task Duplicate_lookup_key_is_refused_under_the_lookup_key()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedProductAsync(person.OrganizationId, "First", "beans_1kg");
        var form = await OpenAsync(person);

        Type(form, "#product-name", "Second");
        Type(form, "#product-lookup", "beans_1kg");
        await SaveAsync(form);

        Assert.Contains("Another product already has the lookup key 'beans_1kg'", form.MessageUnder("#product-lookup"));
        Assert.Null(form.MessageUnder("#product-name"));
        Assert.Equal(1, await ProductCountAsync(person.OrganizationId));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u001b")]
    [InlineData("\t")]
    [InlineData("\u2028")]
    public async Task A_control_character_in_the_name_is_refused_under_it_while_the_description_may_span_lines(string character)
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        Type(form, "#product-name", $"Mug{character}");
        Type(form, "textarea", "Stoneware");
        await SaveAsync(form);
        Assert.Contains("without control characters", form.MessageUnder("#product-name"));
        Assert.Equal(0, await ProductCountAsync(person.OrganizationId));

        Type(form, "#product-name", "Mug");
        Type(form, "textarea", "Stoneware,\r\ndishwasher\tsafe");
        await SaveAsync(form);
        Assert.Equal(1, await ProductCountAsync(person.OrganizationId));
        Assert.StartsWith("http://localhost/catalog/products/prod_", Navigation.Uri);
    }

    [Fact]
    public async Task An_uploaded_png_is_saved_with_the_product_and_served_as_png()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        Type(form, "#product-name", "Pictured");
        await ChooseImageAsync(form, "tiny.png", "image/png", PageKit.TinyPng);
        form.WaitForAssertion(() => Assert.Equal("tiny.png", form.Find("[data-testid=image-name]").TextContent.Trim()));
        await SaveAsync(form);

        var product = await factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().SingleAsync(p => p.OrganizationId == person.OrganizationId));
        var src = ProductImageEndpoints.UrlOf(product);
        Assert.NotNull(src);
        Assert.StartsWith("/media/products/prod_", src);
        var page = RenderInteractive<ProductView>(p => p.Add(x => x.Id, product.PublicId));
        page.WaitForAssertion(() => Assert.Equal(src, page.Find("img[alt='Pictured']").GetAttribute("src")));
        using var anonymous = factory.CreateBrowser();
        using var image = await anonymous.Client.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PageKit.TinyPng, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_image_over_two_megabytes_is_refused_under_the_image_until_another_choice()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        Type(form, "#product-name", "Huge picture");
        await ChooseImageAsync(form, "huge.png", "image/png", new byte[2 * 1024 * 1024 + 1024]);
        form.WaitForAssertion(() => Assert.Equal("The image is 2,049 KB; the largest allowed is 2 MB.", form.FieldMessage("image")));
        await SaveAsync(form);

        Assert.Equal("The image is 2,049 KB; the largest allowed is 2 MB.", form.FieldMessage("image"));
        Assert.Equal(0, await ProductCountAsync(person.OrganizationId));

        // Without that file, the product saves (and has no image).
        form.Find("[data-testid=forget-image]").Click();
        Assert.Null(form.FieldMessage("image"));
        await SaveAsync(form);
        var product = await factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().SingleAsync(p => p.OrganizationId == person.OrganizationId));
        Assert.Null(product.ImageVersion);
    }

    [Fact]
    public async Task A_file_that_only_starts_like_a_gif_is_refused_under_image_with_the_reason()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        Type(form, "#product-name", "Pretend picture");
        await ChooseImageAsync(form, "pretend.gif", "image/gif", "GIF89a"u8.ToArray());
        await SaveAsync(form);

        Assert.Equal("This GIF file is damaged or incomplete: its screen descriptor is missing.", form.FieldMessage("image"));
        Assert.Equal(0, await ProductCountAsync(person.OrganizationId));
    }

    [Fact]
    public async Task A_text_file_as_image_is_refused_under_image_and_no_product_is_left_behind()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        Type(form, "#product-name", "Not pictured");
        Type(form, "#product-lookup", "not_pictured");
        await ChooseImageAsync(form, "notes.png", "image/png", "just some text, not an image"u8.ToArray());
        await SaveAsync(form);

        Assert.Equal("The image must be a PNG, JPEG, GIF or WebP file.", form.FieldMessage("image"));
        Assert.Equal(0, await ProductCountAsync(person.OrganizationId));

        // Nothing half-made blocks a second try with the same lookup key and a sound image.
        await ChooseImageAsync(form, "tiny.png", "image/png", PageKit.TinyPng);
        await SaveAsync(form);
        Assert.Equal(1, await ProductCountAsync(person.OrganizationId));
        Assert.StartsWith("http://localhost/catalog/products/prod_", Navigation.Uri);
    }

    [Fact]
    public async Task Editing_shows_the_fields_saves_the_changes_and_can_remove_the_image()
    {
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "Old Name", "old_key");
        await factory.WithDbAsync(async db =>
        {
            var image = ProductImage.Create(product.Id, "image/png", PageKit.TinyPng, DateTime.UtcNow);
            image.OrganizationId = person.OrganizationId;
            db.ProductImages.Add(image);
            var tracked = await db.Products.IgnoreQueryFilters().SingleAsync(p => p.Id == product.Id);
            tracked.ImageChanged("v1", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var form = await OpenAsync(person, product.PublicId);

        Assert.Equal("Old Name", form.Find("#product-name").GetAttribute("value"));
        Assert.Equal("old_key", form.Find("#product-lookup").GetAttribute("value"));
        Assert.NotNull(form.Find("img[alt='Current image of Old Name']"));
        Type(form, "#product-name", "New Name");
        // The form's only checkbox: "Remove the image".
        Assert.Contains("Remove the image", form.Find("input[type=checkbox]").Closest("label")!.TextContent);
        form.Find("input[type=checkbox]").Change(true);
        await SaveAsync(form);

        var saved = await factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().SingleAsync(p => p.Id == product.Id));
        Assert.Equal("New Name", saved.Name);
        Assert.Null(saved.ImageVersion);
        Assert.False(await factory.WithDbAsync(db => db.ProductImages.IgnoreQueryFilters().AnyAsync(i => i.ProductId == product.Id)));
        Assert.Equal($"http://localhost/catalog/products/{product.PublicId}?message=Changes%20saved.", Navigation.Uri);
    }

    /// <summary>As in <see cref="PersistentStateTests"/>: a first render stands for the prerender, a second one for the
    /// interactive render. A rename in between shows the product was not read again.</summary>
    [Fact]
    public async Task The_edit_form_starts_from_the_prerendered_product_without_reading_it_again()
    {
        var state = AddBunitPersistentComponentState();
        Services.AddSupplyValueFromPersistentComponentStateProvider();
        var person = await factory.SignUpPersonAsync();
        var product = await factory.SeedProductAsync(person.OrganizationId, "First Name");
        var prerendered = await OpenAsync(person, product.PublicId);
        Assert.Equal("First Name", prerendered.Find("#product-name").GetAttribute("value"));

        state.TriggerOnPersisting();
        await DisposeComponentsAsync();
        await factory.WithDbAsync(async db =>
        {
            var tracked = await db.Products.IgnoreQueryFilters().SingleAsync(p => p.Id == product.Id);
            tracked.Update(new ProductFields("Renamed Since"), DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var interactive = RenderInteractive<ProductForm>(p => p.Add(x => x.Id, product.PublicId));

        Assert.Equal("First Name", interactive.Find("#product-name").GetAttribute("value"));
    }

    [Fact]
    public async Task Another_organizations_product_is_not_found_and_cannot_be_edited()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        var theirs = await factory.SeedProductAsync(other.OrganizationId, "Their Secret Blend");

        UseApp(factory, await factory.PrincipalAsync(person));
        var form = RenderInteractive<ProductForm>(p => p.Add(x => x.Id, theirs.PublicId));

        form.WaitForAssertion(() => Assert.Contains("Product not found", form.Markup));
        Assert.DoesNotContain("Their Secret Blend", form.Markup);
        Assert.Empty(form.FindAll("[data-testid=product-form]"));
    }

    private Task<int> ProductCountAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().CountAsync(p => p.OrganizationId == organizationId));
}
