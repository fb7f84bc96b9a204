using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Payments;

/// <summary>Forgets the current organization's Stripe keys: its checkouts go back to the simulated processor.</summary>
public sealed record DisconnectStripe;

public sealed class DisconnectStripeHandler(INumiDb db)
{
    public async Task<Result<StripeConnection>> HandleAsync(DisconnectStripe command, CancellationToken ct)
    {
        var connection = await db.StripeConnections.FirstOrDefaultAsync(ct);
        if (connection is null) return Error.NotFound("Stripe is not connected.");
        db.StripeConnections.Remove(connection);
        await db.SaveChangesAsync(ct);
        return connection;
    }
}
