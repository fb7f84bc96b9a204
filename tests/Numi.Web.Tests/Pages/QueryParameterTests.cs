using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

/// <summary>No query value fails a page: one that does not parse as its parameter's type is treated as absent, and a
/// page number out of range is clamped to the list.</summary>
[Collection(AppCollection.Name)]
public sealed class QueryParameterTests(NumiFactory factory)
{
    private static readonly string[] ListPages = ["/orders", "/catalog", "/customers", "/discounts", "/subscriptions", "/offers", "/admin/outbox"];

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("%00")]
    [InlineData("99999999999999999999")]
    [InlineData("-5")]
    [InlineData("2147483647")]
    [InlineData("-2147483648")]
    [InlineData("1&page=abc")]
    public async Task Every_list_page_answers_200_whatever_its_page_number(string page)
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsPlatformAdminAsync();

        foreach (var list in ListPages)
        {
            using var response = await admin.Client.GetAsync($"{list}?page={page}&PAGE={page}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list}?page={page}: {(int)response.StatusCode} {Browser.Truncate(body)}");
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData("%00")]
    public async Task The_dashboard_and_sign_in_take_any_flag_value(string flag)
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        using var anonymous = factory.CreateBrowser();

        using var dashboard = await owner.Client.GetAsync($"/?welcome={flag}&joined={flag}");
        using var signIn = await anonymous.Client.GetAsync($"/account/signin?signedout={flag}&passwordreset={flag}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (dashboard.StatusCode, signIn.StatusCode));
        var page = await Browser.ParseAsync(dashboard);
        Assert.NotNull(page.QuerySelector("h1"));
    }

    [Fact]
    public async Task A_valid_value_still_reaches_the_page_beside_a_dropped_one()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var welcomed = await owner.GetPageAsync("/?welcome=true&joined=abc");
        var plain = await owner.GetPageAsync("/?welcome=abc");

        Assert.Contains("Welcome to Numi!", welcomed.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome to Numi!", plain.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The guard knows the routed page's parameters only, so a child component must not read typed values.</summary>
    [Fact]
    public void Only_routed_pages_read_query_values_that_are_not_strings()
    {
        var children = typeof(WebSetup).Assembly.GetTypes()
            .Where(t => typeof(ComponentBase).IsAssignableFrom(t) && !t.GetCustomAttributes<RouteAttribute>().Any())
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null && p.PropertyType != typeof(string))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        Assert.Empty(children);
    }
}
