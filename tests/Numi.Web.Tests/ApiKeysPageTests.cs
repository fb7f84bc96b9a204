using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class ApiKeysPageTests(NumiFactory factory)
{
    [Fact]
    public async Task New_key_secret_is_shown_once_works_against_the_api_and_stops_working_when_revoked()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        Assert.Contains("No API keys yet", (await owner.GetPageAsync("/settings/api-keys")).Body!.TextContent);

        using var created = await owner.SubmitAsync("/settings/api-keys", new Dictionary<string, string> { ["Input.Name"] = "Order sync" }, "create-key");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore);
        var page = await Browser.ParseAsync(created);
        var secret = page.QuerySelector("[data-testid=new-secret] code")?.TextContent.Trim();
        Assert.NotNull(secret);
        Assert.StartsWith("sk_test_", secret);

        var later = await owner.Client.GetStringAsync("/settings/api-keys");
        Assert.DoesNotContain(secret, later);
        Assert.Null(Browser.Parse(later).QuerySelector("[data-testid=new-secret]"));
        Assert.Contains("Order sync", later);

        var key = await factory.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Name == "Order sync" && k.Hint.EndsWith(secret.Substring(secret.Length - 4))));
        Assert.NotEqual(secret, key.SecretHash);
        Assert.DoesNotContain(secret, key.SecretHash);
        Assert.DoesNotContain(secret[8..], key.SecretHash);

        using var api = factory.CreateApiClient(secret);
        using (var organization = await api.GetAsync("/api/v1/organization"))
        {
            Assert.Equal(HttpStatusCode.OK, organization.StatusCode);
            Assert.Contains(merchant.Slug, await organization.Content.ReadAsStringAsync());
        }

        using var revoked = await owner.SubmitAsync($"/settings/api-keys/{key.Id}/revoke", new Dictionary<string, string>(), "revoke-key");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("revoked", (await owner.FollowAsync(revoked)).Body!.TextContent);

        using var refused = await api.GetAsync("/api/v1/organization");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Key_without_a_name_is_refused_inline()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        using var response = await owner.SubmitAsync("/settings/api-keys", new Dictionary<string, string> { ["Input.Name"] = "" }, "create-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#name-error.invalid-feedback"));
        Assert.Null(page.QuerySelector("[data-testid=new-secret]"));
    }
}
