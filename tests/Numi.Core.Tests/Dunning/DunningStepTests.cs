using Numi.Core.Dunning;

namespace Numi.Core.Tests.Dunning;

/// <summary>Which campaign step is due: the latest whose day (24 hours each, from the first failure) has come, across
/// month ends and a leap day alike.</summary>
public sealed class DunningStepTests
{
    private static readonly DunningCampaign Standard = DunningCampaign.From(DunningPreset.Standard);

    [Theory]
    [InlineData("2027-01-31T10:00:00", "2027-02-01T09:59:59", null)]
    [InlineData("2027-01-31T10:00:00", "2027-02-01T10:00:00", 1)]
    [InlineData("2027-01-31T10:00:00", "2027-02-03T09:00:00", 1)]
    [InlineData("2027-01-31T10:00:00", "2027-02-03T10:00:00", 3)]
    [InlineData("2027-01-31T10:00:00", "2027-02-14T10:00:00", 14)]
    [InlineData("2028-02-28T23:30:00", "2028-03-01T23:29:00", 1)]
    [InlineData("2028-02-28T23:30:00", "2028-03-06T23:30:00", 7)]
    [InlineData("2027-12-31T12:00:00", "2028-03-31T12:00:00", 14)]
    public void The_latest_step_whose_day_has_come_is_due(string failed, string now, int? day)
    {
        var step = Standard.DueStep(DateTime.Parse(failed, System.Globalization.CultureInfo.InvariantCulture), DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(day, step?.Day);
    }

    [Fact]
    public void A_step_on_day_zero_is_due_at_the_failure()
    {
        var campaign = new DunningCampaign([new DunningStep(0, Standard.Steps[0].Email), new DunningStep(2, Standard.Steps[1].Email)]);
        var failed = new DateTime(2027, 3, 31, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(0, campaign.DueStep(failed, failed)?.Day);
        Assert.Null(campaign.DueStep(failed, failed.AddSeconds(-1)));
    }

    [Fact]
    public void The_next_retry_reads_in_the_plans_zone()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

        Assert.Equal("Fri 15 Jan 09:00 (America/Chicago)", DunningValues.NextRetry(new DateTime(2027, 1, 15, 15, 0, 0, DateTimeKind.Utc), chicago));
    }

    [Fact]
    public void Every_preset_renders_with_no_placeholder_left()
    {
        foreach (var preset in Enum.GetValues<DunningPreset>())
            Assert.All(DunningCampaign.From(preset).Steps, s => Assert.DoesNotContain("{{", s.Email.Preview().Body, StringComparison.Ordinal));
    }
}
