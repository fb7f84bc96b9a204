namespace Numi.Core.Dunning;

/// <summary>A plan's retry ("MI") settings, as the merchant sets them. Immutable: a change is a new record, so a schedule
/// already computed keeps the settings it was computed with.
/// <para>The window is in whole local hours of <see cref="TimeZone"/>, both ends included: 9 to 17 lets a retry start at
/// 09:00 and at 17:00 at the latest; 0 to 23 allows any hour. A retry never leaves the window, whatever the day's
/// daylight-saving change (see <see cref="LocalSlots"/>).</para>
/// <para><see cref="MaxRetries"/> counts retries after the failed charge; <see cref="MaxDays"/> counts 24-hour days from
/// that first failure. Neither is ever exceeded, whatever the strategy.</para></summary>
public sealed record RetrySettings(
    RetryStrategy Strategy = RetryStrategy.MiOptimized,
    IReadOnlyList<int>? FixedDays = null,
    int MaxRetries = RetrySettings.DefaultMaxRetries,
    int MaxDays = RetrySettings.DefaultMaxDays,
    bool PaydayLearning = true,
    bool TimeOfDayLearning = true,
    bool WeekdayLearning = true,
    int WindowStartHour = 9,
    int WindowEndHour = 17,
    string TimeZone = "UTC",
    bool FailureEmail = true,
    bool SmsReminder = false,
    AfterLastRetry AfterLastRetry = AfterLastRetry.SaveFlow,
    bool SuggestBillingDate = true)
{
    public const int DefaultMaxRetries = 4;
    public const int DefaultMaxDays = 14;

    /// <summary>Upper bounds the validator enforces: card networks frown on endless retries (Visa and Mastercard charge
    /// for excessive ones), and a renewal still unpaid after two months is a lost customer, not a late one.</summary>
    public const int MaxRetriesLimit = 8;
    public const int MaxDaysLimit = 60;

    public static RetrySettings Default { get; } = new();
}
