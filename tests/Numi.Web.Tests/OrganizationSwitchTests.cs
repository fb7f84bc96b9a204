using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class OrganizationSwitchTests(NumiFactory factory)
{
    [Fact]
    public async Task A_person_in_two_organizations_switches_between_them()
    {
        using var alice = factory.CreateBrowser();
        var own = await alice.SignUpAsync();
        using var bob = factory.CreateBrowser();
        var other = await bob.SignUpAsync();
        var link = await factory.InviteAsync(other.Email, own.Email);

        // Alice is signed in, so the invitation offers a one-click join.
        using var joined = await alice.SubmitAsync(link, new Dictionary<string, string>(), "join");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var dashboard = await alice.FollowAsync(joined);
        Assert.Equal(other.Name, dashboard.OrganizationName());

        var ownId = await factory.OrganizationIdAsync(own.Slug);
        var switchBack = Form.FromAction(await alice.GetSignOutPageAsync(), "account/switch-organization",
            f => f.QuerySelector("input[name=organizationId]")?.GetAttribute("value") == ownId.ToString());
        using var switched = await alice.PostAsync(switchBack);

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(own.Name, (await alice.FollowAsync(switched)).OrganizationName());
        Assert.Equal(own.Name, (await alice.GetPageAsync("/settings")).OrganizationName());
    }

    [Fact]
    public async Task Switching_to_an_organization_you_are_not_in_is_refused()
    {
        using var alice = factory.CreateBrowser();
        var own = await alice.SignUpAsync();
        using var mallory = factory.CreateBrowser();
        var foreign = await mallory.SignUpAsync();
        var foreignId = await factory.OrganizationIdAsync(foreign.Slug);
        var form = Form.FromAction(await alice.GetSignOutPageAsync(), "account/switch-organization");
        form.Fields["organizationId"] = foreignId.ToString();

        using var response = await alice.PostAsync(form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(own.Name, (await alice.GetPageAsync("/")).OrganizationName());
    }
}
