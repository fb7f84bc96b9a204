using Numi.Core.Dunning;

namespace Numi.Core.Invoices;

/// <summary>Payment attempts. An open invoice is due for its next attempt at <see cref="NextAttemptAt"/> (its creation
/// for the first, the <see cref="RetryScheduler"/>'s answer after a failure). A runner claims attempt n by a
/// conditional update of <see cref="ClaimedUntil"/> (see <see cref="InvoiceCollection"/>) and charges with the key
/// <see cref="AttemptKey"/>; <see cref="AttemptCount"/> moves only when the outcome is saved, so a runner killed between
/// the charge and the save leaves attempt n to be claimed again after the lease, with the same key, and the processor
/// answers the first charge instead of charging twice.</summary>
public sealed partial class Invoice
{
    public const int MaxReasonLength = 500;

    /// <summary>Attempts whose outcome is recorded.</summary>
    public int AttemptCount { get; private set; }
    public DateTime? FirstFailedAt { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }
    public string? LastDeclineCode { get; private set; }
    /// <summary>When the next attempt is due; null when none is planned (paid, void, a new card needed, retries exhausted).</summary>
    public DateTime? NextAttemptAt { get; private set; }
    /// <summary>Why the next attempt is then, or why there is none: the scheduler's sentence.</summary>
    public string? RetryReason { get; private set; }
    /// <summary>A hard decline: the card cannot pass, the customer must give another before anything is retried.</summary>
    public bool NewCardNeeded { get; private set; }
    /// <summary>A runner holds the next attempt until then; an expired claim is a runner that died and may be taken over.</summary>
    public DateTime? ClaimedUntil { get; private set; }

    public int NextAttempt => AttemptCount + 1;

    /// <summary>Open, failed, and no attempt planned or in flight: only a new card or the expiry moves it now.</summary>
    public bool AwaitsNoAttempt(DateTime now) =>
        Status == InvoiceStatus.Open && FirstFailedAt is not null && NextAttemptAt is null && (ClaimedUntil is null || ClaimedUntil <= now);

    /// <summary>The processor's idempotency key of attempt <paramref name="attempt"/>: the same attempt never charges twice.</summary>
    public string AttemptKey(int attempt) => $"{PublicId}:attempt:{attempt}";

    /// <summary>Finalizes a new draft and makes its first attempt due at once.</summary>
    public void Open(DateTime now)
    {
        var opened = Finalize(now);
        if (!opened.Succeeded) throw new InvalidOperationException(opened.FirstError.Message);
        NextAttemptAt = now;
    }

    /// <summary>Opens a new draft with its first attempt already claimed until <paramref name="claimedUntil"/>: the
    /// renewal that inserts it holds the attempt from the insert on, so no other runner can claim it in between.</summary>
    public void OpenClaimed(DateTime now, DateTime claimedUntil)
    {
        Open(now);
        ClaimedUntil = claimedUntil;
    }

    public void AttemptSucceeded(int attempt, string? paymentIntentId, DateTime now)
    {
        Attempted(attempt, now);
        var paid = MarkPaid(paymentIntentId, now);
        if (!paid.Succeeded) throw new InvalidOperationException(paid.FirstError.Message);
        LastDeclineCode = null;
        RetryReason = null;
        NewCardNeeded = false;
    }

    /// <summary>Records a failed attempt with what comes next: a retry at the decision's time, a new card, or nothing.</summary>
    public void AttemptFailed(int attempt, string? declineCode, RetryDecision decision, DateTime now)
    {
        Attempted(attempt, now);
        FirstFailedAt ??= now;
        LastDeclineCode = declineCode;
        NextAttemptAt = decision.Retries ? decision.AtUtc : null;
        RetryReason = decision.Reason.Length > MaxReasonLength ? decision.Reason[..MaxReasonLength] : decision.Reason;
        NewCardNeeded = decision.Outcome == RetryOutcome.NewCardNeeded;
    }

    private void Attempted(int attempt, DateTime now)
    {
        if (attempt != NextAttempt) throw new InvalidOperationException($"Attempt {attempt} is not the next one ({NextAttempt}).");
        AttemptCount = attempt;
        LastAttemptAt = now;
        ClaimedUntil = null;
    }
}
