using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

public sealed class PlanTests
{
    private static readonly DateTime Now = new(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Price Monthly = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(1_000), PriceScope.List, null, null, Now);

    [Fact]
    public void A_plan_holds_its_price_trimmed_name_and_settings()
    {
        var settings = PlanSettings.Default with { TrialDays = 14 };

        var plan = Plan.Create(Monthly, new PlanFields("  Pro monthly ", settings), Now);

        Assert.StartsWith("plan_", plan.PublicId);
        Assert.Equal((Monthly.Id, "Pro monthly", 14, true, Now), (plan.PriceId, plan.Name, plan.Settings.TrialDays, plan.Active, plan.CreatedAt));
    }

    [Fact]
    public void A_one_time_price_is_not_a_plan()
    {
        var once = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.OneTime, PricingModel.PerUnit(1_000), PriceScope.List, null, null, Now);
        Assert.Throws<ArgumentException>(() => Plan.Create(once, new PlanFields("Once", PlanSettings.Default), Now));
    }

    [Fact]
    public void Archiving_twice_is_a_conflict_and_keeps_the_first_date()
    {
        var plan = Plan.Create(Monthly, new PlanFields("Pro", PlanSettings.Default), Now);

        Assert.True(plan.Archive(Now).Succeeded);
        var again = plan.Archive(Now.AddDays(1));

        Assert.Equal(ErrorCodes.StateConflict, again.FirstError.Code);
        Assert.Equal((false, (DateTime?)Now), (plan.Active, plan.ArchivedAt));
    }

    [Fact]
    public void The_fields_validator_names_the_name_and_nested_settings_by_path()
    {
        var settings = PlanSettings.Default with { TrialDays = -1, Retry = RetrySettings.Default with { MaxRetries = 99 } };

        var errors = new PlanFieldsValidator().Check(new PlanFields(" ", settings));

        Assert.Equal(["name", "settings.trial_days", "settings.retry.max_retries"], errors.Select(e => e.Param));
    }

    [Fact]
    public void Missing_settings_are_a_missing_parameter()
    {
        var error = Assert.Single(new PlanFieldsValidator().Check(new PlanFields("Pro", null)));
        Assert.Equal((ErrorCodes.ParameterMissing, "settings"), (error.Code, error.Param));
    }
}
