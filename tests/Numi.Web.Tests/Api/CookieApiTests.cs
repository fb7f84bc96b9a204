using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Infrastructure.ApiCalls;

namespace Numi.Web.Tests.Api;

/// <summary>The merchant app calls /api/v1 from the browser with the person's sign-in cookie: reads work in their current
/// organization only, and a write must carry the page's antiforgery token, or it is refused before it runs.</summary>
[Collection(AppCollection.Name)]
public sealed class CookieApiTests(NumiFactory factory)
{
    [Fact]
    public async Task A_signed_in_person_reads_their_dashboard_and_themselves()
    {
        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();

        using var me = await browser.Client.GetAsync("/api/v1/me");
        var session = await me.JsonAsync();
        Assert.Equal(merchant.Email, session.GetProperty("email").GetString());
        Assert.Equal(merchant.Name, session.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal("Owner", session.GetProperty("current").GetProperty("role").GetString());
        Assert.Equal(1, session.GetProperty("organizations").GetArrayLength());

        using var dashboard = await browser.Client.GetAsync("/api/v1/dashboard");
        var figures = await dashboard.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(1, figures.GetProperty("members").GetInt32());
        Assert.Equal(0, figures.GetProperty("products").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, figures.GetProperty("revenue").ValueKind);
    }

    [Fact]
    public async Task A_write_with_the_cookie_but_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignUpAsync();

        using var refused = await browser.Client.PostAsync("/api/v1/products", Json("""{"name":"Forged"}"""));
        await refused.ProblemAsync(HttpStatusCode.BadRequest, "antiforgery_token_invalid");

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/products") { Content = Json("""{"name":"Forged"}""") };
        wrong.Headers.Add("RequestVerificationToken", "not-a-token");
        using var refusedAgain = await browser.Client.SendAsync(wrong);
        await refusedAgain.ProblemAsync(HttpStatusCode.BadRequest, "antiforgery_token_invalid");

        var products = await (await browser.Client.GetAsync("/api/v1/products")).JsonAsync();
        Assert.Equal(0, products.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_write_with_the_cookie_and_the_token_runs_in_the_persons_organization()
    {
        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();

        using var created = await browser.PostApiAsync("/api/v1/products", """{"name":"From the app"}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var organizationId = await factory.OrganizationIdAsync(merchant.Slug);
        var names = await factory.WithDbAsync(db => db.Products.IgnoreQueryFilters().Where(p => p.OrganizationId == organizationId).Select(p => p.Name).ToListAsync());
        Assert.Equal(["From the app"], names);
    }

    [Fact]
    public async Task The_cookie_sees_only_the_persons_current_organization()
    {
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var otherClient = other;
        using var made = await otherClient.PostAsync("/api/v1/products", Json("""{"name":"Not yours"}"""));
        var foreignId = (await made.JsonAsync()).GetProperty("id").GetString();

        using var browser = factory.CreateBrowser();
        await browser.SignUpAsync();

        using var lookup = await browser.Client.GetAsync($"/api/v1/products/{foreignId}");
        await lookup.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        var list = await (await browser.Client.GetAsync("/api/v1/products")).JsonAsync();
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_person_switches_organization_through_the_api_only_to_one_they_belong_to()
    {
        using var alice = factory.CreateBrowser();
        var own = await alice.SignUpAsync();
        using var mallory = factory.CreateBrowser();
        var foreign = await mallory.SignUpAsync();
        var foreignId = await factory.OrganizationIdAsync(foreign.Slug);
        var ownId = await factory.OrganizationIdAsync(own.Slug);

        using var refused = await alice.PostApiAsync("/api/v1/me/organization", $$"""{"organization_id":"{{foreignId}}"}""");
        await refused.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "organization_id");
        using var missing = await alice.PostApiAsync("/api/v1/me/organization", "{}");
        await missing.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "organization_id");

        using var same = await alice.PostApiAsync("/api/v1/me/organization", $$"""{"organization_id":"{{ownId}}"}""");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(own.Name, (await same.JsonAsync()).GetProperty("current").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_persons_endpoints_refuse_an_api_key_and_a_person_without_organization_reads_only_themselves()
    {
        var (_, keyClient) = await factory.NewOrganizationClientAsync();
        using var client = keyClient;
        using var byKey = await client.GetAsync("/api/v1/me");
        await byKey.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == merchant.Email);
            await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id).ExecuteDeleteAsync();
            return 0;
        });

        var me = await (await browser.Client.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("current").ValueKind);
        using var dashboard = await browser.Client.GetAsync("/api/v1/dashboard");
        await dashboard.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
