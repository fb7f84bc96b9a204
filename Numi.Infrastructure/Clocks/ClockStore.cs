using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Clocks;

/// <summary>Reads and moves the shared clock offset (table <c>clock_settings</c>). Each change starts from the stored
/// offset, not this node's cached one, so an advance on one node adds to another's; the node that changed it uses the
/// new offset at once, the others within <see cref="ClockSync.Interval"/>.</summary>
public sealed class ClockStore(NumiDbContext db, ControllableClock clock)
{
    public async Task<TimeSpan> ReadOffsetAsync(CancellationToken ct) =>
        await db.Set<ClockSetting>().AsNoTracking().Where(c => c.Id == ClockSetting.SingleId).Select(c => (long?)c.OffsetSeconds).FirstOrDefaultAsync(ct) is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;

    public Task<Result<TimeSpan>> AdvanceAsync(int amount, ClockUnit unit, string? changedBy, CancellationToken ct) =>
        ChangeAsync(current => ClockAdvance.By(clock.SystemUtcNow.UtcDateTime, current, amount, unit), changedBy, ct);

    /// <summary>Back to the system's time.</summary>
    public Task<Result<TimeSpan>> ResetAsync(string? changedBy, CancellationToken ct) =>
        ChangeAsync(_ => TimeSpan.Zero, changedBy, ct);

    private async Task<Result<TimeSpan>> ChangeAsync(Func<TimeSpan, Result<TimeSpan>> change, string? changedBy, CancellationToken ct)
    {
        if (!clock.Controllable) return Error.Conflict("Numi's clock cannot be moved in Production.");
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.Set<ClockSetting>().FirstOrDefaultAsync(c => c.Id == ClockSetting.SingleId, ct);
            var next = change(row?.Offset ?? TimeSpan.Zero);
            if (!next.Succeeded) return next;
            if (row is null)
            {
                row = ClockSetting.Zero();
                db.Add(row);
            }
            row.Set(next.Value, clock.SystemUtcNow.UtcDateTime, changedBy);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (attempt == 1 && db.IsUniqueKeyRace(e))
            {
                // Another node made the row first: read it and apply the change to its offset.
                db.ChangeTracker.Clear();
                continue;
            }
            clock.UseOffset(next.Value);
            return next;
        }
    }
}
