using Numi.Core.Catalog;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;
using Numi.Web.Features.Plans;
using Numi.Web.Features.Subscriptions;

namespace Numi.Web.Tests.Interactive;

/// <summary>The plan and subscription pages hand what they read while prerendering to the interactive render as
/// persistent state (JSON, web defaults): the plan's whole settings and the subscription's timeline come back as they went.</summary>
public sealed class PlanSheetJsonTests
{
    private static readonly DateTime Now = new(2027, 1, 15, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Plan_form_data_keeps_every_setting()
    {
        var settings = new PlanSettings(14, DunningCampaign.From(DunningPreset.Gentle), RetrySettings.Default with
        {
            Strategy = RetryStrategy.Fixed, FixedDays = [1, 3, 5], TimeZone = "America/Chicago", AfterLastRetry = AfterLastRetry.ManualReview,
            SmsReminder = true, WeekdayLearning = false, WindowStartHour = 8, WindowEndHour = 20,
        });
        var data = new PlanFormData([new(Guid.CreateVersion7(), "Pro · $29.00 / month")],
            new PlanDetails(Guid.CreateVersion7(), "plan_x", "Pro monthly", "Pro · $29.00 / month", false, settings));

        var copy = DetailSheetJsonTests.RoundTrip(data);

        Assert.Equal(data.Prices, copy.Prices);
        var plan = copy.Plan!;
        Assert.Equal((data.Plan!.Id, "Pro monthly", false), (plan.Id, plan.Name, plan.Active));
        Assert.Equal(settings.Retry with { FixedDays = null }, plan.Settings.Retry with { FixedDays = null });
        Assert.Equal([1, 3, 5], plan.Settings.Retry.FixedDays!);
        Assert.Equal(settings.Campaign.Steps, plan.Settings.Campaign.Steps);
        Assert.Equal(14, plan.Settings.TrialDays);
    }

    [Fact]
    public void A_subscription_sheet_keeps_its_timeline()
    {
        var sheet = new SubscriptionSheet(Guid.CreateVersion7(), "sub_x", "Coffee Club", 2, SubscriptionStatus.Paused, 4_400, "eur",
            PriceInterval.Month, 3, 4, 2, Now, Now.AddMonths(3), true, Now, null, Now.AddHours(1),
            "cus_x", "ann@example.com", "Ann", "ord_x", "plan_x", "Club", Now.AddMonths(-3),
            [new("sevt_b", SubscriptionEventType.Paused, SubscriptionStatus.Active, SubscriptionStatus.Paused, null, "holiday", Now.AddHours(1)),
             new("sevt_a", SubscriptionEventType.QuantityChanged, SubscriptionStatus.Active, SubscriptionStatus.Active, "quantity 1 → 2", null, Now)],
            15, "3 of the last 6 payments succeeded on the 15th; billing on the 15th instead of the 3rd should need fewer retries");

        var copy = DetailSheetJsonTests.RoundTrip(sheet);

        Assert.Equal(sheet.Events, copy.Events);
        Assert.Equal(sheet with { Events = copy.Events }, copy);
        Assert.Equal("€44.00 every 3 months, 4 periods", copy.PriceText);
    }
}
