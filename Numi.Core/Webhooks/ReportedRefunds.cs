using Numi.Core.Orders;

namespace Numi.Core.Webhooks;

/// <summary>A refund as the processor lists it on a charge.</summary>
public sealed record ReportedRefund(string Id, long Amount, string? Reason);

/// <summary>Brings an order up to what the processor says was refunded, once. The charge's <c>amount_refunded</c> (or the
/// sum of the refunds it lists) is the target; what the order already holds counts toward it, whether made from Numi
/// (its refunds carry the processor's id) or recorded from an earlier event. Listed refunds the order does not know are
/// recorded under their own ids; a remainder the event does not itemise is recorded under the charge and the total it
/// reached. An older event arriving late asks for less than the order holds and adds nothing.</summary>
public static class ReportedRefunds
{
    public static IReadOnlyList<ReportedRefund> Missing(Order order, IReadOnlyList<ReportedRefund> listed, long? amountRefunded, string chargeId)
    {
        var target = Math.Min(amountRefunded ?? listed.Sum(r => r.Amount), order.AmountTotal);
        var needed = target - order.AmountRefunded;
        if (needed <= 0) return [];
        var known = order.Refunds.Select(r => r.GatewayRefundId).ToHashSet(StringComparer.Ordinal);
        var missing = new List<ReportedRefund>();
        foreach (var refund in listed.Where(r => r.Amount > 0 && !known.Contains(r.Id)).Reverse())
        {
            if (needed <= 0) break;
            var amount = Math.Min(refund.Amount, needed);
            missing.Add(refund with { Amount = amount });
            needed -= amount;
        }
        if (needed > 0) missing.Add(new ReportedRefund($"{chargeId}@{target}", needed, null));
        return missing;
    }
}
