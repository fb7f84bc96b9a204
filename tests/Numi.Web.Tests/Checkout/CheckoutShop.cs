using System.Data.Common;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>A merchant of its own (built through the REST API) with a published offer: a required coffee slot with two
/// choices (1 bag at $24.00, 3 bags at $63.00; quantity 1 to 5) and a grinder order bump at $29.00.</summary>
internal sealed record CheckoutShop(
    Guid OrganizationId, string OrganizationSlug, HttpClient Api, string OfferId, string OfferSlug,
    string OneBag, string ThreeBags, string Grinder) : IDisposable
{
    public const string Headline = "Fresh coffee, roasted this week";
    public const string OneBagLabel = "1 bag";
    public const string ThreeBagsLabel = "3 bags";

    public string Link => $"/c/{OrganizationSlug}/{OfferSlug}";

    public static async Task<CheckoutShop> CreateAsync(NumiFactory factory)
    {
        var merchant = Merchant.New();
        return await ForOrganizationAsync(factory, merchant.Slug, await factory.CreateOrganizationAsync(merchant));
    }

    /// <summary>The shop in an organization that exists already, e.g. one a signed-in merchant's browser made.</summary>
    public static async Task<CheckoutShop> ForOrganizationAsync(NumiFactory factory, string organizationSlug, Guid organizationId)
    {
        var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var beans = await api.CreateProductAsync("House Blend Beans");
        var oneBag = await api.CreatePerUnitPriceAsync(beans, 2400);
        var threeBags = await api.CreatePerUnitPriceAsync(beans, 6300);
        var grinder = await api.CreatePerUnitPriceAsync(await api.CreateProductAsync("Burr Grinder"), 2900);
        var slug = "coffee-" + Guid.NewGuid().ToString("N")[..8];
        var offer = await api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
        {
            name = "Coffee Club",
            slug,
            currency = "usd",
            status = "published",
            design = new { headline = Headline },
            slots = new object[]
            {
                new
                {
                    key = "coffee", name = "Coffee", price = oneBag, required = true, quantity = 1, min_quantity = 1, max_quantity = 5,
                    options = new[] { new { price = oneBag, label = OneBagLabel }, new { price = threeBags, label = ThreeBagsLabel } },
                },
                new { key = "grinder", name = "Grinder", price = grinder, required = false },
            },
        }));
        return new CheckoutShop(organizationId, organizationSlug, api, offer.GetProperty("id").GetString()!, slug, oneBag, threeBags, grinder);
    }

    /// <summary>A draft offer of this merchant selling one bag; returns its slug.</summary>
    public async Task<string> CreateDraftOfferAsync()
    {
        var slug = "draft-" + Guid.NewGuid().ToString("N")[..8];
        await Api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
        {
            name = "Draft", slug, currency = "usd",
            slots = new[] { new { key = "coffee", name = "Coffee", price = OneBag, required = true } },
        }));
        return slug;
    }

    /// <summary>A second published offer of this merchant with a price of its own; returns that price id.</summary>
    public async Task<string> CreateOtherOfferPriceAsync()
    {
        var tea = await Api.CreatePerUnitPriceAsync(await Api.CreateProductAsync("Tea"), 100);
        await Api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
        {
            name = "Tea", slug = "tea-" + Guid.NewGuid().ToString("N")[..8], currency = "usd", status = "published",
            slots = new[] { new { key = "tea", name = "Tea", price = tea, required = true } },
        }));
        return tea;
    }

    /// <summary>Makes a published "Grinder add-on" offer (the grinder alone) this offer's one-click upsell; returns its id.</summary>
    public async Task<string> AddUpsellAsync()
    {
        var upsell = await Api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
        {
            name = "Grinder add-on", slug = "grinder-" + Guid.NewGuid().ToString("N")[..8], currency = "usd", status = "published",
            design = new { headline = "Add the burr grinder" },
            slots = new[] { new { key = "grinder", name = "Grinder", price = Grinder, required = true } },
        }));
        var id = upsell.GetProperty("id").GetString()!;
        var updated = await Api.PostOkAsync($"/api/v1/offers/{OfferId}", JsonSerializer.Serialize(new { upsell_offer = id }));
        Assert.Equal(id, updated.GetProperty("upsell_offer").GetString());
        return id;
    }

    /// <summary>An upsell of a monthly $15.00 club whose plan starts with a trial of <paramref name="trialDays"/> days.</summary>
    public async Task<string> AddTrialUpsellAsync(int trialDays)
    {
        var (upsell, _) = await CreateClubOfferAsync(trialDays);
        await Api.PostOkAsync($"/api/v1/offers/{OfferId}", JsonSerializer.Serialize(new { upsell_offer = upsell }));
        return upsell;
    }

    /// <summary>A published offer of a monthly $15.00 club whose plan starts with a trial of <paramref name="trialDays"/>
    /// days; its id and its link.</summary>
    public async Task<(string Id, string Link)> CreateClubOfferAsync(int trialDays)
    {
        var product = await Api.CreateProductAsync("Coffee Club");
        var monthly = (await Api.PostOkAsync("/api/v1/prices", JsonSerializer.Serialize(new
        {
            product, currency = "usd", type = "recurring", billing_scheme = "per_unit", unit_amount = 1500,
            recurring = new { interval = "month", interval_count = 1 },
        }))).GetProperty("id").GetString()!;
        await Api.PostOkAsync("/api/v1/plans", JsonSerializer.Serialize(new { price = monthly, name = "Club", settings = new
        {
            trial_days = trialDays,
            campaign = new { steps = new[] { new { day = 1, email = new { subject = "Card declined", body = "Update it: {{update_card_url}}" } } } },
            retry = new { after_last_retry = "cancel" },
        } }));
        var slug = "club-" + Guid.NewGuid().ToString("N")[..8];
        var offer = (await Api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
        {
            name = "Club trial", slug, currency = "usd", status = "published",
            design = new { headline = "Try the club" },
            slots = new[] { new { key = "club", name = "Club", price = monthly, required = true } },
        }))).GetProperty("id").GetString()!;
        return (offer, $"/c/{OrganizationSlug}/{slug}");
    }

    public void Dispose() => Api.Dispose();
}

internal static class CheckoutSteps
{
    public const string Visa = "4242 4242 4242 4242";
    public const string Declined = "4000 0000 0000 0002";

    /// <summary>Opens the offer's link in the (signed-out) browser and makes the first change a shopper makes (an update
    /// of the default choice), which opens the session; returns the session page's path (its <c>Content-Location</c>).</summary>
    public static async Task<string> StartCheckoutAsync(this Browser shopper, CheckoutShop shop) => await shopper.StartCheckoutAsync(shop.Link);

    public static async Task<string> StartCheckoutAsync(this Browser shopper, string link)
    {
        var form = await shopper.GetFormAsync(link, "checkout");
        form.Fields["Input.Action"] = "update";
        using var response = await shopper.PostAsync(form);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"POST {link} answered {(int)response.StatusCode}: {Browser.Truncate(await response.Content.ReadAsStringAsync())}");
        var location = response.Content.Headers.ContentLocation ?? throw new InvalidOperationException($"POST {link} named no Content-Location.");
        return location.OriginalString;
    }

    /// <summary>The checkout form as the page renders it, with <paramref name="values"/> filled in (a null value leaves
    /// the field out, like an unticked box), posted.</summary>
    public static async Task<HttpResponseMessage> PostCheckoutAsync(this Browser shopper, string sessionPath, IReadOnlyDictionary<string, string?> values)
    {
        var form = await shopper.GetFormAsync(sessionPath, "checkout");
        foreach (var (name, value) in values)
            if (value is null) form.Fields.Remove(name);
            else form.Fields[name] = value;
        return await shopper.PostAsync(form);
    }

    /// <summary>Posts the form as htmx does (<c>HX-Request</c>) to the form's own address.</summary>
    public static async Task<HttpResponseMessage> PostWithHtmxAsync(this Browser shopper, Form form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(form.Fields) };
        request.Headers.Add("HX-Request", "true");
        return await shopper.Client.SendAsync(request);
    }

    /// <summary>The offer's page with the 4242 payment filled in, posted <paramref name="times"/> times at once from the
    /// same browser: a double click on Pay with JavaScript off.</summary>
    public static async Task<HttpResponseMessage[]> PayAtOnceOnTheLinkAsync(this Browser shopper, CheckoutShop shop, int times)
    {
        var form = await shopper.GetFormAsync(shop.Link, "checkout");
        foreach (var (name, value) in Payment()) form.Fields[name] = value!;
        return await Task.WhenAll(Enumerable.Range(0, times).Select(_ => shopper.PostAsync(form)));
    }

    /// <summary>Shoppers, each in a browser of their own, open a session each; then all pay their own at once (4242),
    /// and the last of them also pays again at the same moment (a double click). Every payment must succeed or, for
    /// the double click, answer with the session as it is; then every session has exactly one order, numbered from 1001
    /// without a gap or a repeat.</summary>
    public static async Task AssertPayingOwnSessionsAtOnceMakesOneOrderEachAsync(NumiFactory factory, CheckoutShop shop, int shoppers)
    {
        var browsers = Enumerable.Range(0, shoppers).Select(_ => factory.CreateBrowser()).ToList();
        try
        {
            var paths = new List<string>();
            foreach (var browser in browsers) paths.Add(await browser.StartCheckoutAsync(shop));
            var forms = new List<(Browser Browser, Form Form)>();
            foreach (var (browser, path) in browsers.Zip(paths))
            {
                var form = await browser.GetFormAsync(path, "checkout");
                foreach (var (name, value) in Payment(email: $"shopper{forms.Count}@example.test")) form.Fields[name] = value!;
                forms.Add((browser, form));
            }
            var answers = await Task.WhenAll(forms.Append(forms[^1]).Select(f => f.Browser.PostAsync(f.Form)));
            // The double click's second post finds the session being paid (sent to it: 302) or paid (its thank-you page).
            var statuses = answers.Select(a => a.StatusCode).ToList();
            foreach (var answer in answers) answer.Dispose();
            Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Redirect, HttpStatusCode.OK }));
            Assert.True(statuses.Count(s => s == HttpStatusCode.Redirect) >= shoppers, string.Join(", ", statuses));
            var orders = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == shop.OrganizationId)
                .Select(o => new { o.CheckoutSessionId, o.Number }).ToListAsync());
            Assert.Equal(paths.Select(SessionKey).Order(), orders.Select(o => o.CheckoutSessionId).Order());
            Assert.Equal(Enumerable.Range(1001, shoppers), orders.Select(o => o.Number).Order());
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    /// <summary>Pays the session with the 4242 card from the shopper's browser; the payment must succeed.</summary>
    public static async Task PayAsync(this Browser shopper, string sessionPath)
    {
        using var paid = await shopper.PostCheckoutAsync(sessionPath, Payment());
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
    }

    public static Dictionary<string, string?> Payment(string card = Visa, string expiry = "12/30", string cvc = "123",
        string email = "shopper@example.test", string name = "Sam Shopper") => new()
    {
        ["Input.Email"] = email,
        ["Input.Name"] = name,
        ["Input.CardNumber"] = card,
        ["Input.Expiry"] = expiry,
        ["Input.Cvc"] = cvc,
        ["Input.Action"] = "pay",
    };

    /// <summary>A refusal or error on a shopper's page: <paramref name="status"/> with the status page titled
    /// <paramref name="title"/>, in words for a shopper (never the merchant's dashboard); parsed.</summary>
    public static async Task<IHtmlDocument> ShopperStatusPageAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal(title, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.DoesNotContain("Go to the dashboard", page.Body!.TextContent);
        return page;
    }

    /// <summary>A page response that must be 200 (a re-rendered form), parsed, with its raw HTML.</summary>
    public static async Task<(IHtmlDocument Page, string Html)> PageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected the form again (200), got {(int)response.StatusCode}: {Browser.Truncate(html)}");
        return (Browser.Parse(html), html);
    }

    public static string? TestId(this IHtmlDocument page, string testId) =>
        page.QuerySelector($"[data-testid='{testId}']")?.TextContent.Trim();

    /// <summary>The message rendered under a field (CheckoutError's <c>{field}-error</c> element).</summary>
    public static string? FieldError(this IHtmlDocument page, string field) =>
        page.GetElementById(field + "-error")?.TextContent.Trim();

    public static Guid SessionKey(string sessionPath)
    {
        var id = sessionPath[(sessionPath.LastIndexOf('/') + 1)..];
        Assert.StartsWith("cs_", id);
        return Guid.ParseExact(id["cs_".Length..], "N");
    }

    /// <summary>Every value of every column of every row of <paramref name="table"/> that belongs to the organization,
    /// read as text straight from the database (not through the entities, so nothing is left out).</summary>
    public static Task<List<string>> RawValuesAsync(this NumiFactory factory, string table, Guid organizationId) =>
        factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var values = new List<string>();
                var rows = new List<List<string>>();
                while (await reader.ReadAsync())
                {
                    var row = new List<string>();
                    for (var i = 0; i < reader.FieldCount; i++)
                        row.Add(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    var organizationColumn = reader.GetOrdinal("OrganizationId");
                    if (!reader.IsDBNull(organizationColumn) && OrganizationOf(reader, organizationColumn) == organizationId) rows.Add(row);
                }
                foreach (var row in rows) values.AddRange(row);
                return values;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

    private static Guid OrganizationOf(DbDataReader reader, int column) => reader.GetValue(column) switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        byte[] bytes => new Guid(bytes),
        var other => throw new InvalidOperationException($"Unexpected OrganizationId value {other}."),
    };
}
