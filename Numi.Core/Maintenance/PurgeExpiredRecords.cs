using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Core.Portal;
using Numi.Core.Tenancy;

namespace Numi.Core.Maintenance;

public sealed record PurgeExpiredRecords(TimeSpan OutboxRetention, TimeSpan FunnelSessionRetention);

public sealed record PurgedRecords(int IdempotencyRecords, int OutboxMessages, int PortalLinks, int FunnelSessions);

/// <summary>Housekeeping across every organization (run by a job): idempotency records past their 24 h, delivered mail
/// older than the retention setting, portal sign-in links expired more than
/// <see cref="PortalSignInToken.KeptAfterExpiry"/> ago, and funnel sessions untouched for longer than their retention
/// (a funnel session is one shopping trip of a day or two; the analytics keep their counts in the daily rollup).</summary>
public sealed class PurgeExpiredRecordsHandler(INumiDb db, ControllableClock clock)
{
    /// <summary>Funnel sessions deleted a statement, so a first purge of a large table holds no lock for long.</summary>
    public const int FunnelSessionBatch = 2_000;

    public async Task<PurgedRecords> HandleAsync(PurgeExpiredRecords command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idempotency = await db.PurgeExpiredIdempotencyRecordsAsync(now, ct);
        var sentBefore = now - command.OutboxRetention;
        var outbox = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sent && m.SentAt <= sentBefore)
            .ExecuteDeleteAsync(ct);
        var portalLinks = await db.PurgeOldPortalLinksAsync(now - PortalSignInToken.KeptAfterExpiry, ct);
        var funnelSessions = await db.PurgeOldFunnelSessionsAsync(now - command.FunnelSessionRetention, FunnelSessionBatch, ct);
        return new PurgedRecords(idempotency, outbox, portalLinks, funnelSessions);
    }
}
