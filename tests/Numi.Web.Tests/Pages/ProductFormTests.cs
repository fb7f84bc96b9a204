using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class ProductFormTests(NumiFactory factory)
{
    private const string NewProduct = "/catalog/products/new";

    [Fact]
    public async Task Creating_with_every_field_leads_to_the_product_page_showing_them()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);

        using var created = await PostProductAsync(owner, new()
        {
            ["Input.Name"] = "Coffee Club Box",
            ["Input.Description"] = "Three bags a month",
            ["Input.Type"] = "Subscription",
            ["Input.LookupKey"] = "club_box",
            ["Input.GatewayProvider"] = "stripe",
            ["Input.GatewayProductId"] = "prod_ABC123",
        });

        Assert.StartsWith("/catalog/products/prod_", created.RedirectTarget());
        var page = await owner.FollowAsync(created);
        Assert.Equal("Coffee Club Box", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Three bags a month", page.Text());
        Assert.Contains("Product created.", page.QuerySelector("[role=status]")?.TextContent);
        var details = page.QuerySelector("dl")!.TextContent;
        Assert.Contains("Subscription", details);
        Assert.Contains("club_box", details);
        Assert.Contains("stripe", details);
        Assert.Contains("prod_ABC123", details);
        Assert.Contains("No prices yet", page.Text());

        var product = await factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().SingleAsync(p => p.OrganizationId == organizationId));
        Assert.Equal(ProductType.Subscription, product.Type);
        Assert.Equal("club_box", product.LookupKey);
        Assert.Equal("/catalog/products/" + product.PublicId, created.RedirectTarget().Split('?')[0]);
    }

    [Fact]
    public async Task Empty_name_is_refused_on_the_field_and_nothing_is_created()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);

        using var response = await PostProductAsync(owner, new() { ["Input.Name"] = "", ["Input.LookupKey"] = "kept_key" });

        var page = await response.PageAsync();
        Assert.Contains("is-invalid", page.QuerySelector("#product-name")!.ClassList);
        Assert.Equal("Give the product a name.", page.FieldMessage("name"));
        Assert.Equal("kept_key", page.QuerySelector("#product-lookup")?.GetAttribute("value"));
        Assert.Equal(0, await ProductCountAsync(organizationId));
    }

    [Fact]
    public async Task Duplicate_lookup_key_is_refused_under_the_lookup_key()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        await factory.SeedProductAsync(organizationId, "First", "beans_1kg");

        using var response = await PostProductAsync(owner, new() { ["Input.Name"] = "Second", ["Input.LookupKey"] = "beans_1kg" });

        var page = await response.PageAsync();
        Assert.Contains("is-invalid", page.QuerySelector("#product-lookup")!.ClassList);
        Assert.Contains("Another product already has the lookup key 'beans_1kg'", page.FieldMessage("lookup_key"));
        Assert.Equal(1, await ProductCountAsync(organizationId));
    }

    [Fact]
    public async Task Uploaded_png_is_shown_on_the_product_page_and_served_as_png()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        using var created = await PostProductAsync(owner, new() { ["Input.Name"] = "Pictured" },
            ("Image", "tiny.png", "image/png", PageKit.TinyPng));

        var page = await owner.FollowAsync(created);
        var src = page.QuerySelector("img[alt='Pictured']")?.GetAttribute("src");
        Assert.NotNull(src);
        Assert.StartsWith("/media/products/prod_", src);

        using var anonymous = factory.CreateBrowser();
        using var image = await anonymous.Client.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PageKit.TinyPng, await image.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u001b")]
    [InlineData("\t")]
    [InlineData("\u2028")]
    public async Task A_control_character_in_the_name_is_refused_under_it_while_the_description_may_span_lines(string character)
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);

        using var refused = await PostProductAsync(owner, new() { ["Input.Name"] = $"Mug{character}", ["Input.Description"] = "Stoneware" });
        using var saved = await PostProductAsync(owner, new() { ["Input.Name"] = "Mug", ["Input.Description"] = "Stoneware,\r\ndishwasher\tsafe" });

        Assert.Contains("without control characters", (await refused.PageAsync()).FieldMessage("name"));
        Assert.StartsWith("/catalog/products/prod_", saved.RedirectTarget());
        Assert.Equal(1, await ProductCountAsync(organizationId));
    }

    [Fact]
    public async Task A_file_that_only_starts_like_a_gif_is_refused_under_image_with_the_reason()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);

        using var response = await PostProductAsync(owner, new() { ["Input.Name"] = "Pretend picture" },
            ("Image", "pretend.gif", "image/gif", "GIF89a"u8.ToArray()));

        var page = await response.PageAsync();
        Assert.Equal("This GIF file is damaged or incomplete: its screen descriptor is missing.", page.FieldMessage("image"));
        Assert.Equal(0, await ProductCountAsync(organizationId));
    }

    [Fact]
    public async Task Text_file_as_image_is_refused_under_image_and_no_product_is_left_behind()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);

        using var response = await PostProductAsync(owner, new() { ["Input.Name"] = "Not pictured", ["Input.LookupKey"] = "not_pictured" },
            ("Image", "notes.png", "image/png", "just some text, not an image"u8.ToArray()));

        var page = await response.PageAsync();
        Assert.Contains("is-invalid", page.QuerySelector("#product-image")!.ClassList);
        Assert.Equal("The image must be a PNG, JPEG, GIF or WebP file.", page.FieldMessage("image"));
        Assert.Equal(0, await ProductCountAsync(organizationId));

        // Nothing half-made blocks a second try with the same lookup key.
        using var retry = await PostProductAsync(owner, new() { ["Input.Name"] = "Not pictured", ["Input.LookupKey"] = "not_pictured" });
        Assert.StartsWith("/catalog/products/prod_", retry.RedirectTarget());
        Assert.Equal(1, await ProductCountAsync(organizationId));
    }

    private static async Task<HttpResponseMessage> PostProductAsync(Browser owner, Dictionary<string, string> values,
        (string, string, string, byte[])? file = null)
    {
        var form = await owner.GetFormAsync(NewProduct, "product");
        foreach (var (name, value) in values) form.Fields[name] = value;
        return await owner.PostMultipartAsync(form, file);
    }

    private Task<int> ProductCountAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().CountAsync(p => p.OrganizationId == organizationId));
}
