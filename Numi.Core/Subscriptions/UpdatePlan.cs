using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>Changes a plan's name and settings. The price stays: a plan is its price's settings, so another price is
/// another plan.</summary>
public sealed record UpdatePlan(Guid Id, PlanFields Fields);

public sealed class UpdatePlanHandler(INumiDb db, IValidator<PlanFields> validator, ControllableClock clock)
{
    public async Task<Result<Plan>> HandleAsync(UpdatePlan command, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == command.Id, ct);
        if (plan is null) return Error.NotFound("No such plan.", "id");
        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<Plan>.Failure(errors);
        plan.Update(command.Fields, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
