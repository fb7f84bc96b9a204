using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;
using Numi.Core.Tests.Dunning;

namespace Numi.Core.Tests.Subscriptions;

public sealed class PlanSettingsTests
{
    private static readonly PlanSettingsValidator Validator = new();

    [Fact]
    public void The_default_plan_and_every_preset_pass()
    {
        Assert.Empty(Validator.Check(PlanSettings.Default));
        foreach (var preset in Enum.GetValues<DunningPreset>())
            Assert.Empty(Validator.Check(PlanSettings.Default with { TrialDays = 14, Campaign = DunningCampaign.From(preset) }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(731)]
    public void A_trial_lasts_up_to_two_years(int days) =>
        Assert.Equal("trial_days", Assert.Single(Validator.Check(PlanSettings.Default with { TrialDays = days })).Param);

    [Fact]
    public void Nested_settings_are_named_by_their_path()
    {
        var errors = Validator.Check(PlanSettings.Default with
        {
            Retry = RetrySettings.Default with { MaxDays = 0 },
            Campaign = new DunningCampaign([new DunningStep(1, new DunningTemplate("Hi", "No link"))]),
        });

        Assert.Equal(["campaign.steps[0].email.body", "retry.max_days"], errors.Select(e => e.Param).Order());
    }

    [Fact]
    public void A_missing_campaign_or_retry_settings_is_missing()
    {
        var errors = Validator.Check(new PlanSettings(0, null!, null!));

        Assert.All(errors, e => Assert.Equal(ErrorCodes.ParameterMissing, e.Code));
        Assert.Equal(["campaign", "retry"], errors.Select(e => e.Param).Order());
    }

    [Fact]
    public void A_trial_ends_whole_days_later_even_across_a_daylight_saving_change()
    {
        // Signed up at 10:00 in Chicago the day before the spring-forward: the trial ends at 11:00 local, 7 × 24 hours on.
        var start = Zones.Local(Zones.Chicago, 2027, 3, 13, 10);
        var plan = PlanSettings.Default with { TrialDays = 7 };

        Assert.Equal(start.AddHours(7 * 24), plan.TrialEnd(start));
        Assert.Equal(11, Zones.ToLocal(plan.TrialEnd(start)!.Value, Zones.Chicago).Hour);
        Assert.Null(PlanSettings.Default.TrialEnd(start));
    }
}
