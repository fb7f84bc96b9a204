using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

public sealed record ArchivePlan(Guid Id);

public sealed class ArchivePlanHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<Plan>> HandleAsync(ArchivePlan command, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == command.Id, ct);
        if (plan is null) return Error.NotFound("No such plan.", "id");
        var archived = plan.Archive(clock.GetUtcNow().UtcDateTime);
        if (!archived.Succeeded) return archived;
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
