using Numi.Core.Common;

namespace Numi.Core.Orders;

/// <summary>Money given back on an order, all of it or part.</summary>
public sealed class Refund : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid OrderId { get; private set; }
    public long Amount { get; private set; }
    public string? Reason { get; private set; }
    public string GatewayRefundId { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    private Refund() { }

    public string PublicId => Common.PublicId.Format("re", Id);

    internal static Refund Create(Guid orderId, long amount, string? reason, string gatewayRefundId, DateTime now) => new()
    {
        OrderId = orderId, Amount = amount, Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), GatewayRefundId = gatewayRefundId, CreatedAt = now,
    };
}
