using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Core.Portal;
using Numi.Core.Tenancy;

namespace Numi.Core.Maintenance;

public sealed record PurgeExpiredRecords(TimeSpan OutboxRetention);

public sealed record PurgedRecords(int IdempotencyRecords, int OutboxMessages, int PortalLinks);

/// <summary>Housekeeping across every organization (run by a job): idempotency records past their 24 h, delivered mail
/// older than the retention setting, and portal sign-in links expired more than
/// <see cref="PortalSignInToken.KeptAfterExpiry"/> ago.</summary>
public sealed class PurgeExpiredRecordsHandler(INumiDb db, ControllableClock clock)
{
    public async Task<PurgedRecords> HandleAsync(PurgeExpiredRecords command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idempotency = await db.PurgeExpiredIdempotencyRecordsAsync(now, ct);
        var sentBefore = now - command.OutboxRetention;
        var outbox = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sent && m.SentAt <= sentBefore)
            .ExecuteDeleteAsync(ct);
        var portalLinks = await db.PurgeOldPortalLinksAsync(now - PortalSignInToken.KeptAfterExpiry, ct);
        return new PurgedRecords(idempotency, outbox, portalLinks);
    }
}
