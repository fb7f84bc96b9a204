using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>What moving subscription <see cref="Id"/> to plan <see cref="PlanId"/> would cost, at <see cref="ProrationDate"/>
/// (an earlier preview's, to show it again) or now. <see cref="Quantity"/> is kept when not given.</summary>
public sealed record PreviewPlanChange(Guid Id, Guid PlanId, int? Quantity = null, DateTime? ProrationDate = null);

/// <summary>The preview writes nothing: it is the quote the confirmation would charge.</summary>
public sealed class PreviewPlanChangeHandler(INumiDb db, PlanChangeQuoter quoter, ControllableClock clock)
{
    public async Task<Result<PlanChangeQuote>> HandleAsync(PreviewPlanChange command, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == command.Id, ct);
        if (subscription is null) return Error.NotFound("No such subscription.", "id");
        var at = PlanChangeQuoter.At(command.ProrationDate, clock.GetUtcNow().UtcDateTime);
        if (!at.Succeeded) return Result<PlanChangeQuote>.Failure(at.Errors);
        return await quoter.QuoteAsync(subscription, command.PlanId, command.Quantity, at.Value, ct);
    }
}
