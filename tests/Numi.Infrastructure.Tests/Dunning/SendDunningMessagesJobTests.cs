using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Email;
using Numi.Core.Invoices;
using Numi.Core.Portal;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Dunning.DunningSteps;

namespace Numi.Infrastructure.Tests.Dunning;

/// <summary>The dunning job with a controlled clock, on both providers: each campaign step goes out once on its day
/// (24-hour days from the first failure), with the template filled in and a single-use link that signs the customer in at
/// the subscription; nothing goes out once the invoice is paid; the SMS only when the plan asks.</summary>
public sealed partial class SendDunningMessagesJobTests
{
    private static Task<Core.Jobs.JobRun> RunAsync(ServiceProvider services) => BillingJobHost.RunAsync(services, SendDunningMessagesJob.Spec.RunOnceAsync);

    [GeneratedRegex(@"token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex TokenInLink();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_step_goes_out_on_its_day_across_a_month_end_with_the_template_filled_in(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await ShopAsync(database, at: new DateTime(2026, 12, 31, 10, 0, 0, DateTimeKind.Utc));
        var (subscription, invoice) = await FailedRenewalAsync(database, shop);
        var failed = new DateTime(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(failed, invoice.FirstFailedAt);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        shop.Clock.UtcNow = new DateTime(2027, 2, 1, 9, 59, 0, DateTimeKind.Utc);
        var early = await RunAsync(services);
        Assert.Equal(("send-dunning-messages", 1, 0, 1), (early.JobName, early.Examined, early.Succeeded, early.Skipped));
        Assert.Empty(await DunningOutboxAsync(database));

        shop.Clock.UtcNow = new DateTime(2027, 2, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(1, (await RunAsync(services)).Succeeded);
        var first = Assert.Single(await DunningOutboxAsync(database));
        Assert.Equal("Your payment for Coffee club didn't go through", first.Subject);
        Assert.Contains("payment of $20.00 for Coffee club", first.TextBody);
        Assert.Contains("Invoice INV-000001. About the next attempt: " + invoice.RetryReason, first.TextBody);
        Assert.Contains("try again on " + DunningValues.NextRetry(invoice.NextAttemptAt!.Value, TimeZoneInfo.Utc), first.TextBody);
        Assert.Contains($"{BillingJobHost.Origin}/portal/club/sign-in?token=", first.TextBody);
        Assert.Contains($"<a href=\"{BillingJobHost.Origin}/portal/club/sign-in?token=", first.HtmlBody);
        Assert.Equal(shop.OrganizationId, first.OrganizationId);

        // The link signs the customer in at the subscription, once.
        var secret = Uri.UnescapeDataString(TokenInLink().Match(first.TextBody).Groups[1].Value);
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var redeem = new RedeemPortalLinkHandler(db, shop.Clock);
            var signedIn = await redeem.HandleAsync(secret, default);
            Assert.Equal((invoice.CustomerId, subscription), (signedIn.CustomerId, signedIn.SubscriptionId));
            Assert.Equal(PortalLinkRefusal.Used, (await redeem.HandleAsync(secret, default)).Refusal);
        }

        // Day 2 has no step; day 3 (3 February) sends the reminder; a second run that day sends nothing more.
        shop.Clock.UtcNow = new DateTime(2027, 2, 2, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0, (await RunAsync(services)).Succeeded);
        shop.Clock.UtcNow = new DateTime(2027, 2, 3, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(1, (await RunAsync(services)).Succeeded);
        Assert.Equal(0, (await RunAsync(services)).Succeeded);
        var sent = await DunningOutboxAsync(database);
        Assert.Equal(["Your payment for Coffee club didn't go through", "Reminder: please update your card for Coffee club"], sent.Select(m => m.Subject));
        Assert.Equal([(1, DunningMessageStatus.Sent), (3, DunningMessageStatus.Sent)], (await ClaimsAsync(database, shop)).Select(c => (c.Day, c.Status)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_step_found_late_goes_out_once_and_payment_stops_the_rest(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await ShopAsync(database);
        var (subscription, invoice) = await FailedRenewalAsync(database, shop);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        // Nobody looked for eight days: the day-7 reminder goes out, once; days 1 and 3 are not sent late.
        shop.Clock.UtcNow = invoice.FirstFailedAt!.Value.AddDays(8);
        Assert.Equal(1, (await RunAsync(services)).Succeeded);
        Assert.Equal(0, (await RunAsync(services)).Succeeded);
        Assert.Equal([7], (await ClaimsAsync(database, shop)).Select(c => c.Day));

        await PayAsync(database, shop, subscription, invoice);
        shop.Clock.UtcNow = invoice.FirstFailedAt!.Value.AddDays(15);
        var afterPayment = await RunAsync(services);

        Assert.Equal((0, 0), (afterPayment.Examined, afterPayment.Succeeded));
        Assert.Single(await DunningOutboxAsync(database));
        Assert.Equal([7], (await ClaimsAsync(database, shop)).Select(c => c.Day));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_invoice_paid_between_the_claim_and_the_send_sends_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await ShopAsync(database);
        var (subscription, invoice) = await FailedRenewalAsync(database, shop);
        shop.Clock.UtcNow = invoice.FirstFailedAt!.Value.AddDays(1);
        await using var services = BillingJobHost.Services(database, shop.Clock);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(shop.OrganizationId, "club", "club");
        var handler = scope.ServiceProvider.GetRequiredService<SendDunningMessageHandler>();

        var claim = await handler.ClaimAsync(invoice.Id, default);
        Assert.NotNull(claim);
        await PayAsync(database, shop, subscription, invoice);
        var outcome = await handler.SendAsync(claim, default);

        Assert.Equal((BillingResult.Skipped, "INV-000001 is paid"), (outcome.Result, outcome.Detail));
        Assert.Empty(await DunningOutboxAsync(database));
        var stopped = Assert.Single(await ClaimsAsync(database, shop));
        Assert.Equal((DunningMessageStatus.Stopped, (DateTime?)null), (stopped.Status, stopped.SentAt));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_runs_at_once_send_each_step_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await ShopAsync(database);
        var invoices = new List<Invoice>();
        for (var i = 0; i < 4; i++) invoices.Add((await FailedRenewalAsync(database, shop)).Invoice);
        shop.Clock.UtcNow = invoices.Max(i => i.FirstFailedAt!.Value).AddDays(1);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        var runs = await Task.WhenAll(Task.Run(() => RunAsync(services)), Task.Run(() => RunAsync(services)));

        Assert.Equal(4, runs.Sum(r => r.Succeeded));
        Assert.All(runs, r => Assert.Equal(0, r.Failed));
        var sent = await DunningOutboxAsync(database);
        Assert.Equal(4, sent.Count);
        Assert.Equal(4, sent.Select(m => m.To).Distinct().Count());
        Assert.Equal(4, (await ClaimsAsync(database, shop)).Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_sms_goes_to_the_outbox_only_when_the_plan_asks_for_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var texting = await ShopAsync(database, "texting", RetrySettings.Default with { SmsReminder = true });
        var quiet = await ShopAsync(database, "quiet");
        var (_, textedInvoice) = await FailedRenewalAsync(database, texting, phone: "+1 555 0100");
        var (_, quietInvoice) = await FailedRenewalAsync(database, quiet, phone: "+1 555 0199");
        var clock = new FakeTimeProvider(new[] { textedInvoice, quietInvoice }.Max(i => i.FirstFailedAt!.Value).AddDays(1));
        await using var services = BillingJobHost.Services(database, clock);

        Assert.Equal(2, (await RunAsync(services)).Succeeded);

        Assert.Equal(2, (await DunningOutboxAsync(database)).Count);
        var sms = Assert.Single(await DunningOutboxAsync(database, OutboxKind.Sms));
        Assert.Equal(("+1 555 0100", texting.OrganizationId, ""), (sms.To, sms.OrganizationId, sms.Subject));
        Assert.StartsWith("texting Inc: your payment of $20.00 (INV-000001) did not go through. Update your card: https://numi.test/portal/texting/sign-in?token=", sms.TextBody);
    }
}
