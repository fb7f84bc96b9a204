using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class SignUpTests(NumiFactory factory)
{
    private static readonly string[] Sections = ["Dashboard", "Catalog", "Offers", "Discounts", "Funnels", "Leads", "Orders", "Customers", "Subscriptions", "Plans", "Invoices", "Settings"];

    [Fact]
    public async Task Sign_up_creates_the_organization_and_its_owner_and_signs_in()
    {
        using var browser = factory.CreateBrowser();
        var merchant = Merchant.New();

        using var response = await browser.SubmitAsync("/account/signup", merchant.SignUpFields(), "signup");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?welcome=true", response.Headers.Location!.PathAndQueryOrOriginal());
        var (organization, role) = await factory.WithDbAsync(async db =>
        {
            var org = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Slug == merchant.Slug);
            var user = await db.Users.SingleAsync(u => u.Email == merchant.Email);
            var membership = await db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.OrganizationId == org.Id);
            Assert.Equal(user.Id, membership.UserId);
            Assert.Equal(org.Id, user.CurrentOrganizationId);
            return (org, membership.Role);
        });
        Assert.Equal(merchant.Name, organization.Name);
        Assert.Equal("eur", organization.DefaultCurrency);
        Assert.Equal(OrganizationRole.Owner, role);

        var dashboard = await browser.FollowAsync(response);
        Assert.Equal(merchant.Name, dashboard.QuerySelector("[data-testid=organization-name]")?.TextContent.Trim());
        var navigation = dashboard.QuerySelectorAll("nav[aria-label=Main] a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(Sections, navigation);
    }

    [Theory]
    [InlineData("/catalog", "No products yet")]
    [InlineData("/offers", "No offers yet")]
    [InlineData("/discounts", "No discount codes yet")]
    [InlineData("/funnels", "No funnels yet")]
    [InlineData("/leads", "No leads yet")]
    [InlineData("/orders", "No orders yet")]
    [InlineData("/customers", "No customers yet")]
    [InlineData("/subscriptions", "No subscriptions yet")]
    [InlineData("/settings", "Organization")]
    public async Task Each_section_answers_with_its_empty_state_or_content(string path, string expected)
    {
        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();

        var page = await browser.GetPageAsync(path);

        Assert.Contains(expected, page.QuerySelector("main")!.TextContent);
        Assert.Equal(merchant.Name, page.QuerySelector("[data-testid=organization-name]")?.TextContent.Trim());
    }
}
