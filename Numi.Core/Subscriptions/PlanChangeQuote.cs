using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Tax;

namespace Numi.Core.Subscriptions;

/// <summary>What a change of plan costs at <see cref="ProrationDate"/> (whole seconds): the proration lines (credit of
/// the unused time, charge of the remaining time), their subtotal, the tax on it at the rate renewals take now, and the
/// total. A positive total is charged at once on a proration invoice; a negative one is credited to the subscription and
/// taken by the next renewals. <see cref="NextRenewalAt"/> is when the new price is first billed whole.</summary>
public sealed record PlanChangeQuote(
    Subscription Subscription, string FromPlan, Plan Plan, Price Price, int Quantity, long Amount,
    ProrationPreview Proration, InvoiceTax? Tax, long AmountTax, DateTime ProrationDate, DateTime NextRenewalAt)
{
    public string Currency => Proration.Currency;
    public long Subtotal => Proration.Total;
    public long Total => Subtotal + (Tax is { Inclusive: false } ? AmountTax : 0);

    /// <summary>Moving <paramref name="subscription"/> (on the plan named <paramref name="fromPlan"/>) to <paramref name="plan"/>,
    /// whose price is <paramref name="price"/>, at <paramref name="at"/>, for <paramref name="quantity"/> (kept when null),
    /// taxed at <paramref name="tax"/>. The new plan must be active, another one, in the subscription's currency and of its
    /// interval: the billing cycle is kept, so a monthly subscription changes to monthly plans (Numi refuses a change of
    /// interval rather than restart the cycle).</summary>
    public static Result<PlanChangeQuote> Of(Subscription subscription, string fromPlan, Plan plan, Price price, int? quantity, DateTime at, InvoiceTax? tax)
    {
        if (subscription.PlanChangeRefusal() is { } refusal) return refusal;
        if (!plan.Active) return Error.Invalid("plan", $"The plan {plan.Name} is archived; pick an active plan.");
        if (plan.PriceId == subscription.PriceId)
            return Error.Invalid("plan", $"The subscription is already on {plan.Name}; to change how many, change the quantity.");
        if (price.Currency != subscription.Currency)
            return Error.Invalid("plan", $"A plan change keeps the currency: the subscription is billed in {subscription.Currency.ToUpperInvariant()}, {plan.Name} in {price.Currency.ToUpperInvariant()}.");
        if (price.Interval != subscription.Interval || (price.IntervalCount ?? 1) != subscription.IntervalCount)
            return Error.Invalid("plan", $"A plan change keeps the billing interval: the subscription renews {subscription.Schedule}, {plan.Name} every {price.Schedule.Describe()}.");
        var count = quantity ?? subscription.Quantity;
        if (count is < 1 or > Subscription.MaxQuantity) return Error.Invalid("quantity", $"A quantity is a whole number from 1 to {Subscription.MaxQuantity:N0}.");
        var priced = PriceCalculator.Quote(price, count);
        if (!priced.Succeeded) return Result<PlanChangeQuote>.Failure(priced.Errors.Select(e => e with { Param = "quantity" }).ToList());

        var proration = Subscriptions.Proration.Preview(new PlanChange(fromPlan, subscription.Amount, subscription.Currency, plan.Name, priced.Value.Amount, price.Currency,
            subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, at));
        if (!proration.Succeeded) return Result<PlanChangeQuote>.Failure(proration.Errors);
        return new PlanChangeQuote(subscription, fromPlan, plan, price, count, priced.Value.Amount, proration.Value, tax,
            TaxOn(proration.Value.Total, tax), proration.Value.Lines[0].From, subscription.CurrentPeriodEnd);
    }

    /// <summary>The tax on a net proration: on its magnitude, with its sign, so a credit gives the tax back too.</summary>
    public static long TaxOn(long subtotal, InvoiceTax? tax) =>
        tax is null ? 0 : Math.Sign(subtotal) * TaxRate.TaxOn(Math.Abs(subtotal), tax.RatePpm, tax.Inclusive);

    /// <summary>For the timeline: "Basic → Pro: $5.00 charged on INV-000003" or "…: $5.00 credited to the next renewals".</summary>
    public string Detail(string? invoiceNumber) =>
        $"{FromPlan} → {Plan.Name}: " + (Total > 0
            ? $"{Money.Format(Total, Currency)} charged on {invoiceNumber}"
            : Total < 0 ? $"{Money.Format(-Total, Currency)} credited to the next renewals" : "nothing to pay");
}
