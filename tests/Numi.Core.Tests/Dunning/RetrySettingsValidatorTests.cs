using System.Text.Json;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Tests.Validation;

namespace Numi.Core.Tests.Dunning;

public sealed class RetrySettingsValidatorTests
{
    private static readonly RetrySettingsValidator Validator = new();

    private static IReadOnlyList<Error> Check(RetrySettings settings) => Validator.Check(settings);

    [Fact]
    public void The_defaults_pass_with_the_issues_limits()
    {
        Assert.Empty(Check(RetrySettings.Default));
        Assert.Equal(4, RetrySettings.Default.MaxRetries);
        Assert.Equal(14, RetrySettings.Default.MaxDays);
        Assert.Equal(RetryStrategy.MiOptimized, RetrySettings.Default.Strategy);
    }

    [Fact]
    public void A_fixed_schedule_with_ascending_days_in_the_limits_passes() =>
        Assert.Empty(Check(new RetrySettings(RetryStrategy.Fixed, [1, 3, 5, 7], TimeZone: "America/Chicago", WindowStartHour: 0, WindowEndHour: 23)));

    public static TheoryData<RetrySettings, string, string> Bad => new()
    {
        { new(MaxRetries: 0), "max_retries", "Allow 1 to 8 retries (the default is 4)." },
        { new(MaxRetries: 9), "max_retries", "Allow 1 to 8 retries (the default is 4)." },
        { new(MaxDays: 0), "max_days", "Retries may go on for 1 to 60 days (the default is 14)." },
        { new(MaxDays: 61), "max_days", "Retries may go on for 1 to 60 days (the default is 14)." },
        { new(WindowStartHour: 24), "window_start_hour", "The window starts at an hour from 0 to 23." },
        { new(WindowEndHour: -1), "window_end_hour", "The window ends at an hour from 0 to 23." },
        { new(WindowStartHour: 18, WindowEndHour: 9), "window_end_hour", "The window cannot end before it starts: give a start hour no later than its end hour (0 to 23 allows any hour)." },
        { new(TimeZone: "Mars/Olympus_Mons"), "time_zone", "'Mars/Olympus_Mons' is not an IANA time zone such as Europe/Paris." },
        { new(TimeZone: ""), "time_zone", "Choose the time zone of the retry window, e.g. America/Chicago." },
        { new(RetryStrategy.Fixed), "fixed_days", "A fixed schedule needs its days, e.g. 1, 3, 5, 7." },
        { new(RetryStrategy.Fixed, []), "fixed_days", "A fixed schedule needs at least one day, e.g. 1, 3, 5, 7." },
        { new(RetryStrategy.Fixed, [0, 3]), "fixed_days", "Each day of a fixed schedule is a whole number of days after the failure, 1 or more." },
        { new(RetryStrategy.Fixed, [1, 5, 3]), "fixed_days", "The days of a fixed schedule must go up, each later than the one before, e.g. 1, 3, 5, 7." },
        { new(RetryStrategy.Fixed, [1, 3, 3]), "fixed_days", "The days of a fixed schedule must go up, each later than the one before, e.g. 1, 3, 5, 7." },
        { new(RetryStrategy.Fixed, [1, 3, 15]), "fixed_days", "Each day of a fixed schedule must fall within the maximum of 14 days." },
        { new(RetryStrategy.Fixed, [1, 2, 3, 4, 5]), "fixed_days", "A fixed schedule has at most as many days as retries allowed (4)." },
        { new(RetryStrategy.Aggressive, [1, 2]), "fixed_days", "Only the fixed strategy takes days; the others follow their own schedule." },
        { new((RetryStrategy)9), "strategy", "The retry strategy must be mi_optimized, fixed, aggressive or conservative." },
        { new(AfterLastRetry: (AfterLastRetry)9), "after_last_retry", "After the last retry Numi can start the save_flow, cancel, pause or send to manual_review." },
    };

    [Theory, MemberData(nameof(Bad))]
    public void Each_bad_setting_is_named_with_a_clear_message(RetrySettings settings, string param, string message)
    {
        var error = Assert.Single(Check(settings));

        Assert.Equal(param, error.Param);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_missing_time_zone_is_a_missing_parameter() =>
        ErrorAssert.Has(Check(new RetrySettings(TimeZone: null!)), ErrorCodes.ParameterMissing, "time_zone");

    [Theory]
    [InlineData(RetryStrategy.MiOptimized, "\"mi_optimized\"")]
    [InlineData(RetryStrategy.Fixed, "\"fixed\"")]
    [InlineData(RetryStrategy.Aggressive, "\"aggressive\"")]
    [InlineData(RetryStrategy.Conservative, "\"conservative\"")]
    public void Strategies_have_the_issues_wire_names(RetryStrategy strategy, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(strategy, WireJson.Strict));
        Assert.Equal(strategy, JsonSerializer.Deserialize<RetryStrategy>(json, WireJson.Strict));
    }

    [Theory]
    [InlineData(AfterLastRetry.SaveFlow, "\"save_flow\"")]
    [InlineData(AfterLastRetry.Cancel, "\"cancel\"")]
    [InlineData(AfterLastRetry.Pause, "\"pause\"")]
    [InlineData(AfterLastRetry.ManualReview, "\"manual_review\"")]
    public void Last_steps_have_the_issues_wire_names(AfterLastRetry then, string json) =>
        Assert.Equal(json, JsonSerializer.Serialize(then, WireJson.Strict));
}
