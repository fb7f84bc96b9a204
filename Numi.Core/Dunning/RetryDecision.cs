namespace Numi.Core.Dunning;

/// <summary>What to do about a failed charge, asked after each failure.</summary>
/// <param name="DeclineCode">Stripe's <c>decline_code</c> of the failure.</param>
/// <param name="Attempt">How many charges have failed so far: 1 when the renewal itself failed, 2 after the first retry.</param>
/// <param name="FirstFailureUtc">When the renewal failed: the plan's maximum days count from here.</param>
/// <param name="LastFailureUtc">When the charge being answered failed.</param>
/// <param name="Pattern">The customer's payment pattern, learned in the zone the window is read in; null for none.</param>
/// <param name="CustomerTimeZone">The customer's IANA zone when Numi knows it: the plan's window hours are then read
/// in it, so 09:00 is the customer's morning, after their bank's night batch, wherever they live. Otherwise the plan's
/// <see cref="RetrySettings.TimeZone"/>.</param>
public sealed record RetryRequest(
    string? DeclineCode,
    int Attempt,
    DateTime FirstFailureUtc,
    DateTime LastFailureUtc,
    RetrySettings Settings,
    PaymentPattern? Pattern = null,
    string? CustomerTimeZone = null)
{
    public string ZoneId => CustomerTimeZone ?? Settings.TimeZone;
}

public enum RetryOutcome
{
    /// <summary>Retry at <see cref="RetryDecision.AtUtc"/>.</summary>
    Retry,
    /// <summary>A hard decline: the same card cannot pass, ask the customer for another.</summary>
    NewCardNeeded,
    /// <summary>The plan's limits leave no retry: do <see cref="RetrySettings.AfterLastRetry"/>.</summary>
    Exhausted,
}

/// <summary>The answer, with a sentence that says why, e.g. "Fri 15 Jan 09:00 America/Chicago: 4 of the last 5 payments
/// succeeded on the 15th; insufficient funds is a soft decline".</summary>
public sealed record RetryDecision(RetryOutcome Outcome, DateTime? AtUtc, string Reason, DeclineClass Decline, AfterLastRetry? Then = null)
{
    public bool Retries => Outcome == RetryOutcome.Retry;
}
