using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Core.Tax;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>Plan changes in the middle of a period with a controlled clock, on both providers: the proration is invoiced
/// in the renewals' gapless numbering and charged once, a decline changes nothing, a repeated confirmation charges once,
/// a downgrade's credit goes to the next renewal, and another organization's subscription or plan is out of reach.</summary>
public sealed class PlanChangeTests
{
    /// <summary>Half-way through the second period (1 May to 1 June: 15.5 of 31 days remain).</summary>
    private static readonly DateTime HalfWay = new(2027, 5, 16, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime June = new(2027, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A subscriber whose first renewal (INV-000001) is paid, the clock half-way through the period it bought.</summary>
    private static async Task<(PlanChangeShop Club, RecordingGateway Gateway)> RenewedAsync(TestDatabase database, TaxRateFields? tax = null)
    {
        var club = await PlanChangeShop.CreateAsync(database, tax);
        var gateway = new RecordingGateway(new SimulatedGateway(club.Shop.Clock));
        club.Shop.Clock.UtcNow = new DateTime(2027, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, club.Shop, club.SubscriptionId, gateway)).Result);
        club.Shop.Clock.UtcNow = HalfWay;
        return (club, gateway);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_upgrade_is_charged_at_once_on_the_next_invoice_number_and_the_renewal_after_it_bills_the_new_price(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (club, gateway) = await RenewedAsync(database);

        var changed = await club.ChangeAsync(database, club.Pro, gateway);

        Assert.True(changed.Succeeded, changed.Succeeded ? "" : changed.FirstError.Message);
        var proration = Assert.Single(await InvoicesAsync(database, club.Shop), i => i.Kind == InvoiceKind.Proration);
        Assert.Equal(("INV-000002", InvoiceStatus.Paid, HalfWay, June), (proration.DisplayNumber, proration.Status, proration.PeriodStart, proration.PeriodEnd));
        Assert.Equal([-1_000L, 2_000L], proration.Lines.OrderBy(l => l.Amount).Select(l => l.Amount));
        Assert.Equal((1_000L, 1_000L), (proration.AmountTotal, proration.AmountPaid));
        Assert.Equal(($"{proration.PublicId}:attempt:1", true, 1_000L), (gateway.Charges.Last().Key, gateway.Charges.Last().Outcome.Succeeded, gateway.Amounts.Last()));

        var subscription = await club.SubscriptionAsync(database);
        Assert.Equal((4_000L, 2, "Pro", SubscriptionStatus.Active, June), (subscription.Amount, subscription.Quantity, subscription.Description, subscription.Status, subscription.CurrentPeriodEnd));
        var change = subscription.Events.Single(e => e.Type == SubscriptionEventType.PlanChanged);
        Assert.Equal(("Basic → Pro: $10.00 charged on INV-000002", "test"), (change.Detail, change.Note));

        club.Shop.Clock.UtcNow = June;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, club.Shop, club.SubscriptionId, gateway)).Result);
        var invoices = await InvoicesAsync(database, club.Shop);
        Assert.Equal([1, 2, 3], invoices.Select(i => i.Number));
        Assert.Equal((InvoiceKind.Renewal, 4_000L), (invoices[2].Kind, invoices[2].AmountTotal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_declined_upgrade_changes_nothing_on_the_subscription_and_keeps_its_number_void(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (club, gateway) = await RenewedAsync(database);
        await UseCardAsync(database, club.Shop, club.SubscriptionId, "pm_card_chargeCustomerFail");
        var before = await club.SubscriptionAsync(database);

        var refused = await club.ChangeAsync(database, club.Pro, gateway);

        Assert.Equal((ErrorCodes.CardDeclined, "generic_decline"), (refused.FirstError.Code, refused.FirstError.DeclineCode));
        var after = await club.SubscriptionAsync(database);
        Assert.Equal((before.PriceId, before.Amount, before.Description, before.Status, before.Events.Count),
            (after.PriceId, after.Amount, after.Description, after.Status, after.Events.Count));
        var voided = (await InvoicesAsync(database, club.Shop)).Single(i => i.Kind == InvoiceKind.Proration);
        Assert.Equal((2, InvoiceStatus.Void, "generic_decline", (DateTime?)null), (voided.Number, voided.Status, voided.LastDeclineCode, voided.NextAttemptAt));

        // The renewal job never retries it, and the next invoice takes the next number.
        await UseCardAsync(database, club.Shop, club.SubscriptionId, "pm_card_visa");
        club.Shop.Clock.UtcNow = June;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, club.Shop, club.SubscriptionId, gateway)).Result);
        Assert.Equal([1, 2, 3], (await InvoicesAsync(database, club.Shop)).Select(i => i.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Confirming_one_preview_twice_at_once_and_again_later_charges_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (club, gateway) = await RenewedAsync(database);
        var slow = new SlowGateway(gateway);
        var chargesBefore = gateway.Charges.Count;

        var both = await Task.WhenAll(
            Task.Run(() => club.ChangeAsync(database, club.Pro, slow, HalfWay)),
            Task.Run(() => club.ChangeAsync(database, club.Pro, slow, HalfWay)));
        club.Shop.Clock.UtcNow = HalfWay.AddMinutes(5);
        var again = await club.ChangeAsync(database, club.Pro, gateway, HalfWay);

        Assert.All(both.Append(again), r => Assert.True(r.Succeeded, r.Succeeded ? "" : r.FirstError.Message));
        var proration = Assert.Single(await InvoicesAsync(database, club.Shop), i => i.Kind == InvoiceKind.Proration);
        Assert.All(both.Append(again), r => Assert.Equal(proration.Id, r.Value.Invoice!.Id));
        var charges = gateway.Charges.Skip(chargesBefore).ToList();
        Assert.All(charges, c => Assert.Equal($"{proration.PublicId}:attempt:1", c.Key));
        Assert.Single(charges.Where(c => c.Outcome.Succeeded).Select(c => c.Outcome.PaymentIntentId).Distinct());
        Assert.Single((await club.SubscriptionAsync(database)).Events, e => e.Type == SubscriptionEventType.PlanChanged);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_downgrade_is_credited_without_a_charge_and_the_next_renewal_takes_the_credit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (club, gateway) = await RenewedAsync(database);
        var chargesBefore = gateway.Charges.Count;

        var changed = await club.ChangeAsync(database, club.Lite, gateway);

        Assert.Null(changed.Value.Invoice);
        Assert.Equal(chargesBefore, gateway.Charges.Count);
        var subscription = await club.SubscriptionAsync(database);
        // Half of $20.00 credited, half of $10.00 charged.
        Assert.Equal((1_000L, 500L), (subscription.Amount, subscription.CreditBalance));
        Assert.Equal("Basic → Lite: $5.00 credited to the next renewals",
            subscription.Events.Single(e => e.Type == SubscriptionEventType.PlanChanged).Detail);

        club.Shop.Clock.UtcNow = June;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, club.Shop, club.SubscriptionId, gateway)).Result);
        var renewal = (await InvoicesAsync(database, club.Shop)).Last();
        Assert.Equal((2, 1_000L, 500L, 500L), (renewal.Number, renewal.AmountTotal, renewal.AmountCreditApplied, renewal.AmountPaid));
        Assert.Equal(500L, gateway.Amounts.Last());
        Assert.Equal(0, (await club.SubscriptionAsync(database)).CreditBalance);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_preview_is_taxed_like_renewals_and_writes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (club, _) = await RenewedAsync(database, new TaxRateFields("VAT", "GB", null, 20m, false));
        var before = await club.SubscriptionAsync(database);

        var quote = (await club.PreviewAsync(database, club.Pro)).Value;

        Assert.Equal((1_000L, "VAT", 200L, 1_200L), (quote.Subtotal, quote.Tax!.Name, quote.AmountTax, quote.Total));
        Assert.Equal((HalfWay, June), (quote.ProrationDate, quote.NextRenewalAt));
        Assert.Single(await InvoicesAsync(database, club.Shop));
        var after = await club.SubscriptionAsync(database);
        Assert.Equal((before.PriceId, before.Events.Count), (after.PriceId, after.Events.Count));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organizations_subscription_and_plan_are_not_found(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (club, gateway) = await RenewedAsync(database);
        var other = await PlanChangeShop.CreateAsync(database, slug: "rival");

        await using var db = database.CreateContext(club.Shop.Tenant);
        var foreignSubscription = await PlanChangeShop.Change(db, club.Shop.Clock, gateway)
            .HandleAsync(new ChangePlan(other.SubscriptionId, club.Pro), default);
        var foreignPlan = await PlanChangeShop.Change(db, club.Shop.Clock, gateway)
            .HandleAsync(new ChangePlan(club.SubscriptionId, other.Pro), default);

        Assert.Equal((ErrorCodes.ResourceMissing, "id"), (foreignSubscription.FirstError.Code, foreignSubscription.FirstError.Param));
        Assert.Equal((ErrorCodes.ResourceMissing, "plan"), (foreignPlan.FirstError.Code, foreignPlan.FirstError.Param));
        Assert.Equal(1_000L * 2, (await other.SubscriptionAsync(database)).Amount);
    }
}
