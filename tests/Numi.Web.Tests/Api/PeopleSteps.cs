using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>People calling the API with their sign-in cookie, as the merchant app does: an owner, someone who joined the
/// owner's organization with a role, and the cookie requests they make with or without the page's antiforgery token.</summary>
internal static class PeopleSteps
{
    /// <summary>A new owner, signed in, in their new organization.</summary>
    public static async Task<(Browser Browser, Merchant Merchant)> SignedUpOwnerAsync(this NumiFactory factory)
    {
        var browser = factory.CreateBrowser();
        return (browser, await browser.SignUpAsync());
    }

    /// <summary>A person who signed up (owning an organization of their own), then joined <paramref name="owner"/>'s
    /// organization with <paramref name="role"/> and works in it now.</summary>
    public static async Task<(Browser Browser, Merchant Person)> JoinedAsync(this NumiFactory factory, Merchant owner, OrganizationRole role)
    {
        var browser = factory.CreateBrowser();
        var person = await browser.SignUpAsync();
        var organizationId = await factory.OrganizationIdAsync(owner.Slug);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == person.Email);
            db.Memberships.Add(Membership.Create(organizationId, user.Id, role, DateTime.UtcNow));
            user.CurrentOrganizationId = organizationId;
            await db.SaveChangesAsync();
        });
        return (browser, person);
    }

    /// <summary>The public id (<c>mem_…</c>) of the person's membership in the organization of <paramref name="slug"/>.</summary>
    public static Task<string> MemberIdAsync(this NumiFactory factory, string email, string slug) =>
        factory.WithDbAsync(async db =>
        {
            var id = await db.Memberships.IgnoreQueryFilters()
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, m.OrganizationId, u.Email })
                .Join(db.Organizations.IgnoreQueryFilters(), x => x.OrganizationId, o => o.Id, (x, o) => new { x.Id, x.Email, o.Slug })
                .Where(x => x.Email == email && x.Slug == slug).Select(x => x.Id).SingleAsync();
            return $"mem_{id:N}";
        });

    /// <summary>A cookie request with the page's antiforgery token, as the merchant app sends a write.</summary>
    public static async Task<HttpResponseMessage> SendApiAsync(this Browser browser, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : ApiCalls.Json(json) };
        request.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync());
        return await browser.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DeleteApiAsync(this Browser browser, string path) => browser.SendApiAsync(HttpMethod.Delete, path);

    /// <summary>A cookie write with its token that must answer 200; returns the body.</summary>
    public static async Task<System.Text.Json.JsonElement> PostApiOkAsync(this Browser browser, string path, string json)
    {
        using var response = await browser.PostApiAsync(path, json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} {json}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>A cookie GET that must answer 200; returns the body.</summary>
    public static Task<System.Text.Json.JsonElement> GetApiOkAsync(this Browser browser, string path) => browser.Client.GetFromJsonElementAsync(path);

    /// <summary>A new owner posts <paramref name="json"/> to the list at <paramref name="path"/>: the problem must name
    /// <paramref name="param"/>, and the list stays empty.</summary>
    public static async Task AssertRefusedLeavingNoneAsync(this NumiFactory factory, string path, string json, int status, string code, string param)
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;

        using var response = await owner.PostApiAsync(path, json);

        await response.ProblemAsync((HttpStatusCode)status, code, param);
        Assert.Empty((await owner.GetApiOkAsync(path)).Ids());
    }

    /// <summary>The same write with the cookie alone (a forged cross-site request): refused before it runs.</summary>
    public static async Task AssertRefusedWithoutTokenAsync(this Browser browser, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : ApiCalls.Json(json) };
        using var response = await browser.Client.SendAsync(request);
        await response.ProblemAsync(HttpStatusCode.BadRequest, "antiforgery_token_invalid");
    }
}
