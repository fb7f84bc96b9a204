using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Numi.Core.Catalog;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

/// <summary>Seeding and reading helpers shared by the catalog and offer page tests.</summary>
internal static class PageKit
{
    /// <summary>A 1×1 transparent PNG.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>Signs a merchant up in <paramref name="browser"/> and returns it with its organization id.</summary>
    public static async Task<(Merchant Merchant, Guid OrganizationId)> SignUpWithIdAsync(this Browser browser, NumiFactory factory)
    {
        var merchant = await browser.SignUpAsync();
        return (merchant, await factory.OrganizationIdAsync(merchant.Slug));
    }

    /// <summary>Stores a product straight in the database.</summary>
    public static Task<Product> SeedProductAsync(this NumiFactory factory, Guid organizationId, string name,
        string? lookupKey = null, bool archived = false, DateTime? createdAt = null) => factory.WithDbAsync(async db =>
    {
        var now = createdAt ?? DateTime.UtcNow;
        var product = Product.Create(organizationId, name, null, now);
        if (lookupKey is not null) product.Update(new ProductFields(name, LookupKey: lookupKey), now);
        if (archived) product.Archive(now);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    });

    /// <summary>Stores a one-time per-unit list price straight in the database.</summary>
    public static Task<Price> SeedPriceAsync(this NumiFactory factory, Guid organizationId, Guid productId, string currency, long unitAmount) =>
        factory.WithDbAsync(async db =>
        {
            var price = Price.Create(productId, currency, PriceSchedule.OneTime, PricingModel.PerUnit(unitAmount), PriceScope.List, null, null, DateTime.UtcNow);
            price.OrganizationId = organizationId;
            db.Prices.Add(price);
            await db.SaveChangesAsync();
            return price;
        });

    /// <summary>Posts a form as multipart/form-data, the way a browser sends a form with a file input.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this Browser browser, Form form,
        (string Field, string FileName, string ContentType, byte[] Content)? file = null)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields) content.Add(new StringContent(value), name);
        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue(f.ContentType);
            content.Add(bytes, f.Field, f.FileName);
        }
        return await browser.Client.PostAsync(form.Action, content);
    }

    /// <summary>Gets the page, fills the fields and posts the form (with an action button's value if given).</summary>
    public static async Task<HttpResponseMessage> SubmitWithAsync(this Browser browser, string url, string formName,
        IReadOnlyDictionary<string, string> values, IEnumerable<string>? remove = null)
    {
        var form = await browser.GetFormAsync(url, formName);
        foreach (var name in remove ?? []) form.Fields.Remove(name);
        foreach (var (name, value) in values) form.Fields[name] = value;
        return await browser.PostAsync(form);
    }

    /// <summary>A response that must be a re-rendered page (200), parsed.</summary>
    public static async Task<IHtmlDocument> PageAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected the page again (200), got {(int)response.StatusCode} {response.Headers.Location}: {Browser.Truncate(html)}");
        return Browser.Parse(html);
    }

    /// <summary>The local path and query a redirect points to.</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)response.StatusCode}");
        var target = response.Headers.Location!.PathAndQueryOrOriginal();
        return target.StartsWith('/') ? target : "/" + target;
    }

    /// <summary>The inline message of a field: the element <c>{field}-error</c>, which must exist.</summary>
    public static string FieldMessage(this IHtmlDocument page, string field)
    {
        var error = page.QuerySelector($"[id='{field}-error']");
        Assert.True(error is not null, $"No message under '{field}'. Summary: {page.QuerySelector("#error-summary")?.TextContent.Trim() ?? "(none)"}");
        Assert.Contains("invalid-feedback", error.ClassList);
        return error.TextContent.Trim();
    }

    /// <summary>The input, select or textarea posted as <paramref name="name"/>, which must exist.</summary>
    public static IElement Field(this IHtmlDocument page, string name)
    {
        var element = page.QuerySelectorAll("input, select, textarea").FirstOrDefault(e => e.GetAttribute("name") == name && e.GetAttribute("type") != "hidden");
        Assert.True(element is not null, $"No visible field named {name}");
        return element;
    }

    public static void AssertInvalid(this IHtmlDocument page, string name) =>
        Assert.Contains("is-invalid", page.Field(name).ClassList);

    public static string Text(this IHtmlDocument page) => page.Body!.TextContent;
}
