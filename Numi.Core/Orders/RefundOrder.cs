using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Orders;

/// <summary>Gives back all (no amount) or part of an order's payment, from the order page or the API.</summary>
public sealed record RefundOrder(Guid OrderId, long? Amount, string? Reason = null);

public sealed class RefundOrderValidator : AbstractValidator<RefundOrder>
{
    public RefundOrderValidator() =>
        RuleFor(r => r.Reason).MaximumLength(200).WithMessage("A reason has at most 200 characters.").SingleLineText();
}

public sealed class RefundOrderHandler(INumiDb db, IValidator<RefundOrder> validator, IPaymentGateway gateway, ControllableClock clock)
{
    public async Task<Result<Order>> HandleAsync(RefundOrder command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Order>.Failure(errors);
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Refunds).FirstOrDefaultAsync(o => o.Id == command.OrderId, ct);
        if (order is null) return Error.NotFound("No such order.", "id");
        var amount = order.CanRefund(command.Amount);
        if (!amount.Succeeded) return Result<Order>.Failure(amount.Errors);

        // One key per refund of this order, from the amount refunded before it (the concurrency token the save checks):
        // a retried request refunds once at the processor, and two requests that read the same balance ask under one
        // key, so the one whose save is refused has not refunded a second time.
        var key = $"{order.PublicId}-refund-from-{order.AmountRefunded}";
        var refund = await gateway.TryRefundAsync(order.PaymentIntentId, amount.Value, key, ct);
        if (!refund.Succeeded) return Result<Order>.Failure(refund.Errors);

        order.Refunded(amount.Value, command.Reason, refund.Value, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsLostRace(e))
        {
            // Stripe's charge.refunded webhook may have recorded this very refund (under its processor id) first.
            if (await db.Refunds.AsNoTracking().AnyAsync(r => r.GatewayRefundId == refund.Value, ct))
                return await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery().FirstAsync(o => o.Id == order.Id, ct);
            return Error.Conflict("Another refund of this order was made at the same moment; reload it and check the balance.", "amount");
        }
        return order;
    }
}
