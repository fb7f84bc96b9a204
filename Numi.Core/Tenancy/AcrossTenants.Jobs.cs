using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;

namespace Numi.Core.Tenancy;

public static partial class AcrossTenants
{
    /// <summary>The expiry job closes open checkouts whose time is up in every organization; one held by a payment
    /// attempt, or waiting for the bank's authentication, is left alone (its charge may go through).</summary>
    public static Task<int> ExpireOpenCheckoutSessionsAsync(this INumiDb db, DateTime now, CancellationToken ct) =>
        db.CheckoutSessions.IgnoreQueryFilters()
            .Where(s => s.Status == CheckoutSessionStatus.Open && s.ExpiresAt <= now && s.PendingPaymentIntent == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CheckoutSessionStatus.Expired).SetProperty(x => x.UpdatedAt, now), ct);

    /// <summary>The housekeeping job deletes idempotency records past their 24 hours, in every organization.</summary>
    public static Task<int> PurgeExpiredIdempotencyRecordsAsync(this INumiDb db, DateTime now, CancellationToken ct) =>
        db.IdempotencyRecords.IgnoreQueryFilters().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);

    /// <summary>Start-up seeds the demo only into an empty database: whether any organization exists at all.</summary>
    public static Task<bool> AnyOrganizationAsync(this INumiDb db, CancellationToken ct) =>
        db.Organizations.IgnoreQueryFilters().AnyAsync(ct);
}
