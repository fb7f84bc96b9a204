using Numi.Core.Catalog;
using Numi.Core.Customers;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>A customer's own time zone (<see cref="Customer.TimeZone"/>) reads the plan's retry window: the renewal's
/// failed charge is retried at the window's hours in the customer's zone, not the plan's, also across a daylight-saving
/// change, and the invoice's retry schedule says so.</summary>
public sealed class CustomerTimeZoneRetryTests
{
    private static async Task<(CheckoutSteps Shop, Guid Id, RecordingGateway Gateway)> SubscribedAsync(TestDatabase database, DateTime start,
        RetrySettings retry)
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        shop.Clock.UtcNow = start;
        await using (var db = database.CreateContext(shop.Tenant))
        {
            db.Plans.Add(Plan.Create(shop.Price, new PlanFields("Club", PlanSettings.Default with { Retry = retry }), start));
            await db.SaveChangesAsync();
        }
        var id = await SubscribeAsync(database, shop);
        await UseCardAsync(database, shop, id, "pm_card_chargeCustomerFail");
        return (shop, id, new RecordingGateway(new SimulatedGateway(shop.Clock)));
    }

    private static async Task SetZoneAsync(TestDatabase database, CheckoutSteps shop, Guid subscriptionId, string zone)
    {
        var customer = (await SubscriptionAsync(database, shop, subscriptionId)).CustomerId;
        await using var db = database.CreateContext(shop.Tenant);
        var set = await new SetCustomerTimeZoneHandler(db, new SetCustomerTimeZoneValidator()).HandleAsync(new SetCustomerTimeZone(customer, zone), default);
        Assert.True(set.Succeeded, set.Succeeded ? "" : set.FirstError.Message);
    }

    private static async Task<InvoiceRetryPlan> RetryPlanAsync(TestDatabase database, CheckoutSteps shop, Guid invoiceId)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return (await new ReadInvoiceRetryPlan(db, new RetryInputs(db)).ReadAsync(invoiceId, default))!;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_in_Tokyo_is_retried_in_the_window_of_Tokyo_not_of_the_plans_zone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        // The plan's window is 09:00 to 17:00 in Chicago (15:00 to 23:00 UTC in winter); in Tokyo it is 00:00 to 08:00 UTC:
        // the two never overlap, so a retry planned in the plan's zone cannot pass for one planned in the customer's.
        var retry = RetrySettings.Default with { TimeZone = "America/Chicago", WindowStartHour = 9, WindowEndHour = 17 };
        var (shop, id, gateway) = await SubscribedAsync(database, new DateTime(2027, 1, 10, 12, 0, 0, DateTimeKind.Utc), retry);
        await SetZoneAsync(database, shop, id, "Asia/Tokyo");
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd;

        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, id, gateway)).Result);

        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        var local = TimeZoneInfo.ConvertTimeFromUtc(invoice.NextAttemptAt!.Value, tokyo);
        Assert.InRange(local.Hour, 9, 17);
        Assert.Equal((0, 0), (local.Minute, local.Second));
        Assert.StartsWith(local.ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " Asia/Tokyo: ", invoice.RetryReason);

        var plan = await RetryPlanAsync(database, shop, invoice.Id);
        Assert.True(plan.Attempts.Count >= 2, "the held attempt and later ones");
        Assert.All(plan.Attempts, a =>
        {
            Assert.Equal("Asia/Tokyo", a.TimeZone);
            Assert.InRange(TimeZoneInfo.ConvertTimeFromUtc(a.AtUtc, tokyo).Hour, 9, 17);
            Assert.Contains(" Asia/Tokyo: ", a.Reason);
        });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retry_across_Chicagos_spring_forward_is_at_the_windows_hour_of_daylight_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        // The plan's window is the single hour 09:00, in UTC; the customer lives in Chicago. The renewal fails on
        // Saturday 13 March 2027 at 14:00 CST (20:00 UTC); clocks there go from 02:00 to 03:00 on Sunday the 14th, so
        // the retry a day or more later is at 09:00 CDT, 14:00 UTC (not 15:00 UTC, 09:00 of standard time, nor 09:00 UTC).
        var retry = RetrySettings.Default with { TimeZone = "UTC", WindowStartHour = 9, WindowEndHour = 9 };
        var (shop, id, gateway) = await SubscribedAsync(database, new DateTime(2027, 2, 13, 20, 0, 0, DateTimeKind.Utc), retry);
        await SetZoneAsync(database, shop, id, "America/Chicago");
        var due = (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd;
        Assert.Equal(new DateTime(2027, 3, 13, 20, 0, 0, DateTimeKind.Utc), due);
        shop.Clock.UtcNow = due;

        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, id, gateway)).Result);

        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        var next = invoice.NextAttemptAt!.Value;
        Assert.True(next >= new DateTime(2027, 3, 14, 8, 0, 0, DateTimeKind.Utc), $"after the change: {next:O}");
        Assert.Equal(new TimeSpan(14, 0, 0), next.TimeOfDay);
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        Assert.True(chicago.IsDaylightSavingTime(next));
        Assert.StartsWith(TimeZoneInfo.ConvertTimeFromUtc(next, chicago).ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture) + " 09:00 America/Chicago: ",
            invoice.RetryReason);

        // The retry job's use case makes that attempt when the clock reaches it, and plans the next one at 09:00 CDT too.
        shop.Clock.UtcNow = next;
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Declined, (await Collection(db, shop.Clock, gateway).CollectAsync(invoice.Id, default)).Result);
        var second = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal(2, second.AttemptCount);
        Assert.True(second.NextAttemptAt > next);
        Assert.Equal(new TimeSpan(14, 0, 0), second.NextAttemptAt!.Value.TimeOfDay);
    }
}
