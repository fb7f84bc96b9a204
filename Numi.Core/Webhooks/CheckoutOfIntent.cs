using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;

namespace Numi.Core.Webhooks;

/// <summary>The checkout session a payment event is about: named by the <c>numi_checkout_session</c> metadata Numi
/// puts on every PaymentIntent it creates, or else the session waiting on that intent (the bank's authentication).</summary>
public static class CheckoutOfIntent
{
    public const string MetadataKey = "numi_checkout_session";

    public static async Task<CheckoutSession?> FindAsync(INumiDb db, string? checkoutSession, string intent, CancellationToken ct)
    {
        if (PublicId.TryParse(IdPrefixes.CheckoutSession, checkoutSession, out var sessionId)
            && await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == sessionId.Value, ct) is { } named)
            return named;
        return await db.CheckoutSessions.FirstOrDefaultAsync(s => s.PendingPaymentIntent == intent, ct);
    }
}
