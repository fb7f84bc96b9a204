using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>A cookie-keeping client that reads pages and submits their forms the way a browser would.</summary>
public sealed class Browser(HttpClient client) : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync());

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return Parse(html);
    }

    /// <summary>Reads the form (by its Blazor form name, or the page's only posting form) with its current values.</summary>
    public async Task<Form> GetFormAsync(string url, string? formName = null) => Form.From(await GetPageAsync(url), url, formName);

    public async Task<HttpResponseMessage> PostAsync(Form form) =>
        await Client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));

    /// <summary>Get the page, fill the named fields, post the form.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, IReadOnlyDictionary<string, string> values, string? formName = null)
    {
        var form = await GetFormAsync(url, formName);
        foreach (var (name, value) in values) form.Fields[name] = value;
        return await PostAsync(form);
    }

    /// <summary>Follows one redirect (must be one) and returns the page it leads to.</summary>
    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)redirect.StatusCode}: {Truncate(await redirect.Content.ReadAsStringAsync())}");
        return await GetPageAsync(redirect.Headers.Location!.OriginalString);
    }

    public static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    public void Dispose() => Client.Dispose();
}

public sealed class Form
{
    public required string Action { get; init; }
    public required Dictionary<string, string> Fields { get; init; }

    /// <summary>A Blazor form, by its form name (the posted <c>_handler</c>), or the page's only one.</summary>
    public static Form From(IHtmlDocument page, string pageUrl, string? formName)
    {
        var forms = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)).ToList();
        var form = formName is null
            ? forms.Single(f => f.QuerySelector("input[name=_handler]") is not null)
            : forms.Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == formName);
        return FromElement(form, pageUrl);
    }

    /// <summary>A plain form found by its action, e.g. the top bar's sign-out form.</summary>
    public static Form FromAction(IHtmlDocument page, string action, Func<IHtmlFormElement, bool>? which = null) =>
        FromElement(page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .First(f => f.GetAttribute("action") == action && (which is null || which(f))), "/" + action);

    private static Form FromElement(IHtmlFormElement form, string pageUrl)
    {
        var action = form.GetAttribute("action");
        return new Form
        {
            Action = string.IsNullOrEmpty(action) ? pageUrl : action.StartsWith('/') ? action : "/" + action,
            Fields = ReadFields(form),
        };
    }

    private static Dictionary<string, string> ReadFields(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button" or "reset":
                    break;
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.HasAttribute("checked")) fields[name] = input.GetAttribute("value") ?? "on";
                    break;
                case IHtmlInputElement input:
                    fields[name] = input.GetAttribute("value") ?? "";
                    break;
                case IHtmlSelectElement select:
                    var option = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? select.Options.FirstOrDefault();
                    fields[name] = option?.GetAttribute("value") ?? option?.TextContent ?? "";
                    break;
                case IHtmlTextAreaElement area:
                    fields[name] = area.TextContent;
                    break;
            }
        }
        return fields;
    }
}
