using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class AdminOutboxTests(NumiFactory factory)
{
    [Fact]
    public async Task Platform_admin_sees_the_outbox_with_queued_mail()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsPlatformAdminAsync();
        var page = await admin.GetPageAsync("/admin/outbox");

        Assert.Contains("Email outbox", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("Outbox (admin)", page.QuerySelector("nav[aria-label=Main]")?.TextContent);
        // The grid itself (rows, filter) renders interactively: Interactive/OutboxGridTests.
    }

    [Fact]
    public async Task Others_may_not_see_the_outbox()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        using var response = await owner.Client.GetAsync("/admin/outbox");

        Assert.True(response.IsAccessDenied(), $"Non-admin got {(int)response.StatusCode}");
        Assert.DoesNotContain("Outbox (admin)", (await owner.GetPageAsync("/")).QuerySelector("nav[aria-label=Main]")?.TextContent);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync("/admin/outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQueryOrOriginal());
    }
}
