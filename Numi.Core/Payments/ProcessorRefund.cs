using Numi.Core.Common;

namespace Numi.Core.Payments;

/// <summary>Asking the processor to give money back, as order refunds and invoice credit notes both do: a refusal
/// becomes the one error both answer, so the API and pages word it alike.</summary>
public static class ProcessorRefund
{
    /// <summary>The processor's refund id, or its refusal as a conflict. A processor disconnected since is not the
    /// amount's fault, so that error names no field.</summary>
    public static async Task<Result<string>> TryRefundAsync(this IPaymentGateway gateway, string paymentIntentId, long amount,
        string idempotencyKey, CancellationToken ct)
    {
        var outcome = await gateway.RefundAsync(paymentIntentId, amount, idempotencyKey, ct);
        if (outcome.Succeeded) return outcome.RefundId!;
        return Error.Conflict(outcome.Message ?? "The processor refused the refund.", outcome.ProcessorNotConnected ? null : "amount");
    }
}
