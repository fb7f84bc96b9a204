using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Invoices;

namespace Numi.Core.Subscriptions;

/// <summary>Reads what <see cref="PlanChangeQuote.Of"/> needs (the plan, its price, the plan the subscription is on, the
/// tax renewals take now) for the preview and the confirmation alike, so what is confirmed is what was shown.</summary>
public sealed class PlanChangeQuoter(INumiDb db, InvoiceTerms terms)
{
    /// <summary>How long a preview's proration date may be confirmed: long enough to read it, short enough that an old
    /// date cannot be chosen to move the split.</summary>
    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    /// <summary>The proration date: <paramref name="given"/> (a preview's, to confirm exactly what it showed) or now.</summary>
    public static Result<DateTime> At(DateTime? given, DateTime now)
    {
        if (given is not { } at) return now;
        if (at > now) return Error.Invalid("proration_date", "The proration date cannot be in the future.");
        if (at < now - PreviewLifetime) return Error.Invalid("proration_date", "The preview is more than an hour old; preview the change again.");
        return at;
    }

    public async Task<Result<PlanChangeQuote>> QuoteAsync(Subscription subscription, Guid planId, int? quantity, DateTime at, CancellationToken ct)
    {
        if (subscription.PlanChangeRefusal() is { } refusal) return refusal;
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return Error.NotFound("No such plan.", "plan");
        var price = await db.Prices.AsNoTracking().FirstAsync(p => p.Id == plan.PriceId, ct);
        var from = await db.Plans.AsNoTracking().Where(p => p.PriceId == subscription.PriceId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? subscription.Description;
        var tax = await terms.TaxAsync(subscription, ct);
        return PlanChangeQuote.Of(subscription, from, plan, price, quantity, at, tax);
    }
}
