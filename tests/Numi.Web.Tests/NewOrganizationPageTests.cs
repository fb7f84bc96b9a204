using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

/// <summary>/organizations/new over HTTP: behind sign-in, and open to a person in no organization (the page where they
/// make their first) where every other merchant page shows them the way here. The form itself is tested in
/// Interactive/NewOrganizationFormTests.</summary>
[Collection(AppCollection.Name)]
public sealed class NewOrganizationPageTests(NumiFactory factory)
{
    [Fact]
    public async Task A_person_in_no_organization_gets_the_form_and_other_pages_point_to_it()
    {
        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();
        await factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
            .Where(m => db.Users.Any(u => u.Id == m.UserId && u.Email == merchant.Email)).ExecuteDeleteAsync());

        var page = await browser.GetPageAsync("/organizations/new");
        Assert.NotNull(page.QuerySelector("[data-testid=new-organization] #org-slug"));
        Assert.DoesNotContain("not in an organization yet", page.QuerySelector("main")?.TextContent);

        var dashboard = await browser.GetPageAsync("/");
        Assert.Contains("not in an organization yet", dashboard.QuerySelector("main")?.TextContent);
        Assert.NotNull(dashboard.QuerySelector("main a[href='organizations/new']"));
    }

    [Fact]
    public async Task Someone_signed_out_is_sent_to_sign_in()
    {
        using var visitor = factory.CreateBrowser();

        using var response = await visitor.Client.GetAsync("/organizations/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQueryOrOriginal());
    }
}
