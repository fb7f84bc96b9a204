using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

public sealed record CreatePlan(Guid PriceId, PlanFields Fields);

public sealed class CreatePlanHandler(INumiDb db, IValidator<PlanFields> validator, ControllableClock clock)
{
    public async Task<Result<Plan>> HandleAsync(CreatePlan command, CancellationToken ct)
    {
        var price = await db.Prices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PriceId, ct);
        if (price is null) return Error.NotFound("No such price.", "price");
        if (!price.IsRecurring) return Error.Invalid("price", "A plan needs a recurring price; this price is paid once.");
        if (!price.Active) return Error.Invalid("price", "This price is archived; choose an active recurring price.");
        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<Plan>.Failure(errors);
        if (await db.Plans.AnyAsync(p => p.PriceId == price.Id, ct)) return PriceTaken();
        var plan = Plan.Create(price, command.Fields, clock.GetUtcNow().UtcDateTime);
        db.Plans.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            // Another request made this price a plan between the check and the save.
            return PriceTaken();
        }
        return plan;
    }

    private static Error PriceTaken() => Error.Conflict("This price is already a plan; update that plan instead.", "price");
}
