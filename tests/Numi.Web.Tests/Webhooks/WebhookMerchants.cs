using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Webhooks;

internal static class WebhookMerchants
{
    /// <summary>A new organization whose Stripe events are signed with <paramref name="secret"/>, set on the organization
    /// itself as the demo's is.</summary>
    public static async Task<(Guid OrganizationId, string Slug)> CreateAsync(NumiFactory factory, string secret)
    {
        var merchant = Merchant.New();
        var organizationId = await factory.CreateOrganizationAsync(merchant);
        await factory.WithDbAsync(async db =>
        {
            (await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == organizationId)).SetWebhookSigningSecret(secret);
            await db.SaveChangesAsync();
        });
        return (organizationId, merchant.Slug);
    }
}
