using Microsoft.EntityFrameworkCore;
using Numi.Core.Tenancy;
using Numi.Core.Payments;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Stripe;

/// <summary>The one place that reads a merchant's Stripe secrets back in plain text, and only to use them.</summary>
public sealed class StripeConnections(NumiDbContext db, ISecretProtector protector, StripeClientFactory clients)
{
    /// <summary>The current organization's Stripe connection, if it has one.</summary>
    public Task<StripeConnection?> CurrentAsync(CancellationToken ct) => db.StripeConnections.AsNoTracking().FirstOrDefaultAsync(ct);

    /// <summary>A gateway on the current organization's Stripe account, or null when it has not connected Stripe.</summary>
    public async Task<StripeGateway?> GatewayAsync(CancellationToken ct) =>
        await CurrentAsync(ct) is { } connection
            ? new StripeGateway(clients.Create(protector.Unprotect(connection.ProtectedSecretKey)), connection.OrganizationId,
                new StripeCustomerLinks(db))
            : null;

    /// <summary>For webhooks, which arrive signed in as nobody: the saved signing secrets of the organization the URL
    /// names, read past the tenant filter for that organization only.</summary>
    public async Task<IReadOnlyList<string>> WebhookSecretsOfAsync(Guid organizationId, CancellationToken ct)
    {
        var stored = await db.ProtectedWebhookSecretsOfAsync(organizationId, ct);
        return stored is null ? [] : protector.Unprotect(stored).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
