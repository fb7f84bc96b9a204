using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Stripe.Webhooks;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Stripe;

namespace Numi.Web.Tests.Webhooks;

/// <summary>The webhook's organization and signing secrets are kept in memory for a minute (<see cref="WebhookSigners"/>):
/// a change saved on this node applies at once, a change made elsewhere (another node) once the kept entry expires.</summary>
[Collection(StripeCollection.Name)]
public sealed class WebhookSignersTests(StripeFactory factory)
{
    private async Task<HttpStatusCode> PostAsync(string slug, string secret)
    {
        using var client = factory.CreateApiClient(null);
        return (await WebhookInboxEndpointTests.PostAsync(client, slug, WebhookInboxEndpointTests.Event($"evt_{Guid.NewGuid():N}"), secret)).Status;
    }

    [Fact]
    public async Task A_new_signing_secret_saved_on_this_node_is_used_at_once_and_the_replaced_one_is_refused()
    {
        var merchant = Merchant.New();
        var organizationId = await factory.CreateOrganizationAsync(merchant);
        var before = await factory.ConnectStripeAsync(organizationId);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(merchant.Slug, before.Signing));

        var after = await factory.ConnectStripeAsync(organizationId);

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(merchant.Slug, before.Signing));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(merchant.Slug, after.Signing));
    }

    [Fact]
    public async Task Disconnecting_stripe_on_this_node_refuses_its_signing_secret_at_once()
    {
        var merchant = Merchant.New();
        var organizationId = await factory.CreateOrganizationAsync(merchant);
        var keys = await factory.ConnectStripeAsync(organizationId);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(merchant.Slug, keys.Signing));

        await factory.DisconnectStripeAsync(organizationId);

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(merchant.Slug, keys.Signing));
    }

    [Fact]
    public async Task A_secret_changed_on_another_node_is_seen_once_the_kept_signer_expires()
    {
        var merchant = Merchant.New();
        var organizationId = await factory.CreateOrganizationAsync(merchant);
        var keys = await factory.ConnectStripeAsync(organizationId);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var signers = new WebhookSigners(factory.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        var kept = await signers.FindAsync(merchant.Slug.ToUpperInvariant(), default);
        Assert.Equal(organizationId, kept!.OrganizationId);
        Assert.Equal([keys.Signing], kept.Secrets);

        // Another node's save: nothing on this node hears of it.
        await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organizationId)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.WebhookSigningSecret, "whsec_set_elsewhere")));
        var stillKept = await signers.FindAsync(merchant.Slug, default);
        clock.Advance(WebhookSigners.Duration + TimeSpan.FromSeconds(1));
        var reloaded = await signers.FindAsync(merchant.Slug, default);

        Assert.Equal([keys.Signing], stillKept!.Secrets);
        Assert.Equal([keys.Signing, "whsec_set_elsewhere"], reloaded!.Secrets);
        Assert.Null(await signers.FindAsync("no-such-shop-" + Guid.NewGuid().ToString("N")[..8], default));
    }
}
