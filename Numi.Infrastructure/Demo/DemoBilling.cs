using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Demo;

/// <summary>The demo's subscribers and their payment history, so plans, timelines, retry schedules and the dashboard
/// show something at once. Each subscriber's checkout is written as checkout writes it (session, customer, order,
/// subscription), and two subscribe through the API's own handler (a trial, and a first charge declined); everything after it is made by Numi's own billing engine (<see cref="RenewSubscriptionHandler"/> and
/// <see cref="InvoiceCollection"/> on the simulated processor), run on a clock that replays the past months event by
/// event, so every invoice, attempt, decline reason, retry schedule and timeline row is one the engine itself made.</summary>
internal static class DemoBilling
{
    /// <summary>What the history needs from the catalog the seeder just saved.</summary>
    internal sealed record Catalog(Offer Offer, Price Monthly, Dictionary<Guid, Price> Prices, Dictionary<Guid, string> ProductNames);

    private enum Turn { Start, CardChange, CancelAtPeriodEnd, CancelNow, Pause, ApiStart }

    private sealed record Step(DateTime At, int Subscriber, Turn Turn, string? Card = null);

    /// <summary>A subscriber, who checked out <paramref name="Months"/> calendar months and <paramref name="Days"/> days
    /// ago (so their latest renewal fell <paramref name="Days"/> days ago), and the card they pay with.</summary>
    private sealed record Subscriber(string Name, string Email, int Months, int Days, string Card);

    // Stripe's test payment methods, as the simulated processor knows them.
    private const string Visa = "pm_card_visa", Mastercard = "pm_card_mastercard", NoFunds = "pm_card_chargeDeclinedInsufficientFunds",
        Expired = "pm_card_chargeDeclinedExpiredCard", FailsOnCharge = "pm_card_chargeCustomerFail";

    private static readonly Subscriber[] Subscribers =
    [
        new("Ava Thompson", "ava.thompson@example.com", 11, 3, Visa),      // active, eleven renewals paid
        new("Ben Carter", "ben.carter@example.com", 8, 9, Visa),           // active
        new("Chloe Nguyen", "chloe.nguyen@example.com", 6, 5, Mastercard), // active, canceling at the period's end
        new("Diego Ramirez", "diego.ramirez@example.com", 5, 2, Visa),     // past due: insufficient funds, retrying
        new("Emma Walsh", "emma.walsh@example.com", 4, 1, Visa),           // past due: a card that fails on charge, retrying
        new("Farah Khan", "farah.khan@example.com", 7, 4, Visa),           // past due: expired card, a new card is needed
        new("George Miller", "george.miller@example.com", 9, 25, Visa),    // unpaid: every retry failed, flagged for review
        new("Hana Sato", "hana.sato@example.com", 3, 10, Mastercard),      // paused
        new("Isaac Brown", "isaac.brown@example.com", 10, 15, Visa),       // canceled
        new("Kofi Mensah", "kofi.mensah@example.com", 2, 6, Visa),         // active, recent
    ];

    /// <summary>A customer subscribed through the API (no checkout), <paramref name="DaysAgo"/> days ago, with the card
    /// their earlier purchase saved and <paramref name="TrialDays"/> of trial.</summary>
    private sealed record ApiSubscriber(string Name, string Email, int DaysAgo, string Card, int TrialDays);

    private static readonly ApiSubscriber[] ApiSubscribers =
    [
        new("Jade Wilson", "jade.wilson@example.com", 3, Visa, 14),                // trialing: 14 days, the first charge still ahead
        new("Liam O'Connor", "liam.oconnor@example.com", 1, FailsOnCharge, 0),     // incomplete: the first charge declined, retrying
    ];

    /// <summary>The turns the subscribers' stories take, relative to now, on top of their start.</summary>
    private static IEnumerable<Step> Story(DateTime now)
    {
        for (var i = 0; i < Subscribers.Length; i++)
            yield return new Step(now.AddMonths(-Subscribers[i].Months).AddDays(-Subscribers[i].Days).AddMinutes(-37 * i), i, Turn.Start);
        yield return new Step(now.AddDays(-2), 2, Turn.CancelAtPeriodEnd);
        yield return new Step(now.AddDays(-20), 3, Turn.CardChange, NoFunds);
        yield return new Step(now.AddDays(-15), 4, Turn.CardChange, FailsOnCharge);
        yield return new Step(now.AddDays(-25), 5, Turn.CardChange, Expired);
        yield return new Step(now.AddDays(-40), 6, Turn.CardChange, NoFunds);
        yield return new Step(now.AddDays(-6), 7, Turn.Pause);
        yield return new Step(now.AddDays(-50), 8, Turn.CancelNow);
        for (var i = 0; i < ApiSubscribers.Length; i++)
            yield return new Step(now.AddDays(-ApiSubscribers[i].DaysAgo).AddMinutes(-11 * i), i, Turn.ApiStart);
    }

    public static async Task AddHistoryAsync(IServiceProvider services, Guid organizationId, string name, string slug, Catalog catalog,
        DateTime now, CancellationToken ct)
    {
        var replay = new ReplayClock();
        // The engine's handlers take Numi's clock; this one reads the replayed time and is never moved by an admin.
        var clock = new ControllableClock(replay, controllable: false);
        // Every step runs in a scope of its own with the organization entered, as the billing jobs run each item.
        async Task InScope(Func<IServiceProvider, NumiDbContext, Task> work)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(organizationId, name, slug);
            await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<NumiDbContext>());
        }
        InvoiceCollection Collection(IServiceProvider provider) => ActivatorUtilities.CreateInstance<InvoiceCollection>(provider, clock);

        await InScope(async (_, db) =>
        {
            AddPlans(db, catalog, now);
            await db.SaveChangesAsync(ct);
        });
        var story = new Queue<Step>(Story(now).OrderBy(s => s.At));
        var subscriptions = new Guid[Subscribers.Length];
        var orderNumber = Order.FirstNumber;
        for (var next = DateTime.MinValue; next <= now;)
        {
            (DateTime Script, DateTime Renew, DateTime Retry) due = default;
            await InScope(async (_, db) => due = (story.Count > 0 ? story.Peek().At : DateTime.MaxValue,
                await db.Subscriptions.Where(Renewing).OrderBy(s => s.CurrentPeriodEnd).Select(s => (DateTime?)s.CurrentPeriodEnd).FirstOrDefaultAsync(ct)
                    ?? DateTime.MaxValue,
                await db.Invoices.Where(Retrying).OrderBy(i => i.NextAttemptAt).Select(i => i.NextAttemptAt).FirstOrDefaultAsync(ct) ?? DateTime.MaxValue));
            next = new[] { due.Script, due.Renew, due.Retry }.Min();
            if (next > now) break;
            replay.Now = next;
            if (next == due.Script)
            {
                var step = story.Dequeue();
                if (step.Turn == Turn.ApiStart)
                {
                    await InScope((provider, db) => StartThroughApiAsync(provider, db, catalog, ApiSubscribers[step.Subscriber], step.At, Collection, clock, ct));
                    continue;
                }
                await InScope(async (_, db) =>
                {
                    if (step.Turn == Turn.Start) subscriptions[step.Subscriber] = Subscribe(db, catalog, Subscribers[step.Subscriber], orderNumber++, step.At);
                    else Take(await db.Subscriptions.SingleAsync(s => s.Id == subscriptions[step.Subscriber], ct), step);
                    await db.SaveChangesAsync(ct);
                });
                continue;
            }
            var renewals = new List<Guid>();
            var retries = new List<Guid>();
            await InScope(async (_, db) =>
            {
                if (next == due.Renew) renewals = await db.Subscriptions.Where(Renewing).Where(s => s.CurrentPeriodEnd <= next).Select(s => s.Id).ToListAsync(ct);
                else retries = await db.Invoices.Where(Retrying).Where(i => i.NextAttemptAt <= next).Select(i => i.Id).ToListAsync(ct);
            });
            foreach (var id in renewals)
                await InScope((provider, _) => ActivatorUtilities.CreateInstance<RenewSubscriptionHandler>(provider, Collection(provider), clock).HandleAsync(id, ct));
            foreach (var id in retries) await InScope((provider, _) => Collection(provider).CollectAsync(id, ct));
        }
    }

    private static readonly System.Linq.Expressions.Expression<Func<Subscription, bool>> Renewing =
        s => s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trialing;

    private static readonly System.Linq.Expressions.Expression<Func<Invoice, bool>> Retrying =
        i => i.Status == InvoiceStatus.Open && i.NextAttemptAt != null;

    /// <summary>The monthly Coffee Club as an MI-optimized plan, and a quarterly one on a fixed schedule with the
    /// aggressive campaign and SMS reminders, so the plan pages show both kinds.</summary>
    private static void AddPlans(NumiDbContext db, Catalog catalog, DateTime now)
    {
        var quarterly = Price.Create(catalog.Monthly.ProductId, "usd", PriceSchedule.Every(PriceInterval.Month, 3), PricingModel.PerUnit(6000),
            PriceScope.List, null, "Quarterly", now);
        db.Prices.Add(quarterly);
        // After the last retry the monthly plan asks for the merchant's review, so the unpaid subscriber shows "Needs review".
        var chicago = RetrySettings.Default with { TimeZone = "America/Chicago", AfterLastRetry = AfterLastRetry.ManualReview };
        db.Plans.Add(Plan.Create(catalog.Monthly, new PlanFields("Coffee Club monthly", PlanSettings.Default with { Retry = chicago }), now));
        var fixedDays = RetrySettings.Default with
        {
            Strategy = RetryStrategy.Fixed, FixedDays = [1, 3, 5, 7], TimeZone = "America/New_York", SmsReminder = true,
            AfterLastRetry = AfterLastRetry.Pause,
        };
        db.Plans.Add(Plan.Create(quarterly, new PlanFields("Coffee Club quarterly",
            new PlanSettings(0, DunningCampaign.From(DunningPreset.Aggressive), fixedDays)), now));
    }

    /// <summary>The subscriber's checkout of the monthly Coffee Club, as checkout saves a paid one.</summary>
    private static Guid Subscribe(NumiDbContext db, Catalog catalog, Subscriber who, int number, DateTime at)
    {
        var selection = CheckoutCart.Completed(catalog.Offer, new Dictionary<string, SlotChoice> { ["coffee"] = new(catalog.Monthly.Id, 1) });
        var cart = CheckoutCart.Build(catalog.Offer, catalog.Prices, selection).Value;
        var session = CheckoutSession.Start(catalog.Offer.Id, cart, selection, who.Email, at, TimeSpan.FromHours(1));
        var customer = Customer.Create(who.Email, who.Name, null, at);
        customer.Seen(who.Name, null, who.Card);
        var lines = cart.Lines.Select(l => OrderLine.Create(l.Slot.Key, l.Price.ProductId, l.Price.Id, catalog.ProductNames[l.Price.ProductId], l.Price.Summary, l.Quantity,
            l.Amount, l.Price.IsRecurring)).ToList();
        var (brand, last4) = CardOf(who.Card);
        var order = Order.Create(number, session.Id, catalog.Offer.Id, customer.Id, cart, $"pi_demo_{number}", brand, last4, lines, at);
        order.PaidWith(who.Card);
        session.Complete(order.Id, at);
        var recurring = lines.Single(l => l.Recurring);
        var subscription = Subscription.Start(order, recurring, catalog.Monthly, at);
        db.AddRange(session, customer, order, subscription);
        return subscription.Id;
    }

    /// <summary>The customer (known from an earlier purchase, so with a saved card) subscribed to the monthly plan by the
    /// API's own handler: a trial charges nothing yet; without one the first period is invoiced and charged at once,
    /// and a declined charge leaves the subscription incomplete with its open invoice and planned retry.</summary>
    private static async Task StartThroughApiAsync(IServiceProvider provider, NumiDbContext db, Catalog catalog, ApiSubscriber who, DateTime at,
        Func<IServiceProvider, InvoiceCollection> collectionOf, ControllableClock clock, CancellationToken ct)
    {
        var customer = Customer.Create(who.Email, who.Name, null, at);
        customer.Seen(who.Name, null, who.Card);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        var plan = await db.Plans.Where(p => p.PriceId == catalog.Monthly.Id).Select(p => p.Id).SingleAsync(ct);
        var collection = collectionOf(provider);
        var renewals = ActivatorUtilities.CreateInstance<RenewSubscriptionHandler>(provider, collection, clock);
        var handler = ActivatorUtilities.CreateInstance<CreateSubscriptionHandler>(provider, renewals, collection, clock);
        var created = await handler.HandleAsync(new CreateSubscription(customer.Id, plan, null, TrialPeriodDays: who.TrialDays, Note: "Started through the API"), ct);
        if (!created.Succeeded) throw new InvalidOperationException($"The demo's story failed: {created.Errors[0].Message}");
    }

    private static void Take(Subscription subscription, Step step)
    {
        var outcome = step.Turn switch
        {
            Turn.CardChange => subscription.ChangePaymentMethod(step.Card!, Describe(step.Card!), step.At, "Changed in the portal"),
            Turn.CancelAtPeriodEnd => subscription.Cancel(step.At, atPeriodEnd: true, "Moving abroad"),
            Turn.CancelNow => subscription.Cancel(step.At, atPeriodEnd: false, "Too much coffee"),
            Turn.Pause => subscription.Pause(step.At, "On holiday"),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        if (!outcome.Succeeded) throw new InvalidOperationException($"The demo's story failed: {outcome.Errors[0].Message}");
    }

    private static (string Brand, string Last4) CardOf(string paymentMethod) => paymentMethod switch
    {
        Mastercard => ("mastercard", "4444"),
        NoFunds => ("visa", "9995"),
        Expired => ("visa", "0069"),
        FailsOnCharge => ("visa", "0341"),
        _ => ("visa", "4242"),
    };

    private static string Describe(string paymentMethod)
    {
        var (brand, last4) = CardOf(paymentMethod);
        return $"{brand} •••• {last4}";
    }

    /// <summary>The past, replayed: the engine reads its time here while the history is made.</summary>
    private sealed class ReplayClock : TimeProvider
    {
        public DateTime Now { get; set; }

        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }
}
