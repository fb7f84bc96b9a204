using Numi.Core.Common;
using Numi.Core.Payments;
using Numi.Infrastructure.Stripe;

namespace Numi.Infrastructure.Payments;

/// <summary>The processor of the organization being worked in, chosen at each call (a shopper's page enters its
/// organization after its handlers were made): the organization's Stripe account when it has connected one, else the
/// simulated processor. A payment the simulator made stays with it (its refund or authentication after the
/// organization connected Stripe).</summary>
public sealed class TenantPaymentGateway(ITenantContext tenant, StripeConnections connections, SimulatedGateway simulated) : IPaymentGateway
{
    private (Guid? Organization, IPaymentGateway Gateway)? _chosen;

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
        await (await GatewayAsync(ct)).ChargeAsync(request, ct);

    public async Task<ChargeOutcome> RetrieveAsync(string paymentIntentId, CancellationToken ct) =>
        await (await GatewayOfAsync(paymentIntentId, ct)).RetrieveAsync(paymentIntentId, ct);

    /// <summary>A Stripe payment of an organization that has since disconnected Stripe is refused, never "refunded" by
    /// the simulator, which would record money given back that was not.</summary>
    public async Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct)
    {
        var gateway = await GatewayOfAsync(paymentIntentId, ct);
        if (gateway == simulated && !paymentIntentId.StartsWith(SimulatedGateway.IntentPrefix, StringComparison.Ordinal))
            return new RefundOutcome(false, Message: NotConnected, ProcessorNotConnected: true);
        return await gateway.RefundAsync(paymentIntentId, amount, idempotencyKey, ct);
    }

    public async Task<SavedCardOutcome> SaveCardAsync(SaveCardRequest request, CancellationToken ct) =>
        await (await GatewayAsync(ct)).SaveCardAsync(request, ct);

    public const string NotConnected =
        "This payment was taken through Stripe, which is not connected now: connect Stripe again in Settings › Stripe to refund it. Nothing was refunded.";

    private async Task<IPaymentGateway> GatewayOfAsync(string paymentIntentId, CancellationToken ct) =>
        paymentIntentId.StartsWith(SimulatedGateway.IntentPrefix, StringComparison.Ordinal) ? simulated : await GatewayAsync(ct);

    private async Task<IPaymentGateway> GatewayAsync(CancellationToken ct)
    {
        if (_chosen is { } chosen && chosen.Organization == tenant.OrganizationId) return chosen.Gateway;
        IPaymentGateway gateway = tenant.OrganizationId is null ? simulated : await connections.GatewayAsync(ct) ?? (IPaymentGateway)simulated;
        _chosen = (tenant.OrganizationId, gateway);
        return gateway;
    }
}
