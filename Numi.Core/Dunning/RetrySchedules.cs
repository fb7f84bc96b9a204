namespace Numi.Core.Dunning;

/// <summary>The day-based strategies: retry k runs on day <c>Days[k-1]</c> after the first failure (local calendar days
/// in the window's zone), at the learned hour when time-of-day learning is on, else at the window's first hour.
/// <list type="bullet">
/// <item><c>fixed</c>: the merchant's own days, e.g. 1, 3, 5, 7.</item>
/// <item><c>aggressive</c>: 1, 2, 3, 5, 7, 10, 14: daily at first, for merchants whose customers mostly fix a card at
/// once (a failed renewal of a cheap, often-used service).</item>
/// <item><c>conservative</c>: 3, 7, 14, 21, 30, 45, 60: few, spread-out retries, for large amounts where each decline
/// annoys the bank and the customer.</item>
/// </list>
/// The lists are longer than the default limits on purpose: <see cref="RetrySettings.MaxRetries"/> and
/// <see cref="RetrySettings.MaxDays"/> cut them (with the defaults, aggressive is 1, 2, 3, 5 and conservative 3, 7 and
/// a day-14 retry only when its hour still falls within 14 × 24 hours of the failure). <c>mi_optimized</c> has no list:
/// see <see cref="RetryScheduler"/>.</summary>
public static class RetrySchedules
{
    public static IReadOnlyList<int> Aggressive { get; } = [1, 2, 3, 5, 7, 10, 14];
    public static IReadOnlyList<int> Conservative { get; } = [3, 7, 14, 21, 30, 45, 60];

    /// <summary>The days of a day-based strategy, or null for <see cref="RetryStrategy.MiOptimized"/>.</summary>
    public static IReadOnlyList<int>? DaysOf(RetrySettings settings) => settings.Strategy switch
    {
        RetryStrategy.Fixed => settings.FixedDays ?? [],
        RetryStrategy.Aggressive => Aggressive,
        RetryStrategy.Conservative => Conservative,
        _ => null,
    };

    /// <summary>How many retries the settings allow at most: the retry limit, or fewer when the schedule has fewer days.</summary>
    public static int RetryLimit(RetrySettings settings) =>
        DaysOf(settings) is { } days ? Math.Min(settings.MaxRetries, days.Count) : settings.MaxRetries;
}
