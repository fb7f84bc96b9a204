using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

/// <summary>/settings/api-keys over HTTP: the interactive page prerenders for an owner, and the old revoke question's
/// address lands on the list, where revoking is a dialog now. What the page does is tested in
/// Interactive/ApiKeysViewTests; a member's refusal in MembersTests.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiKeysPageTests(NumiFactory factory)
{
    [Fact]
    public async Task The_page_prerenders_and_the_old_revoke_address_goes_to_the_list()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        Assert.Contains("No API keys yet", (await owner.GetPageAsync("/settings/api-keys")).QuerySelector("main")?.TextContent);
        using var revoke = await owner.Client.GetAsync($"/settings/api-keys/{Guid.NewGuid()}/revoke");

        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal("/settings/api-keys", revoke.Headers.Location!.PathAndQueryOrOriginal());
    }
}
