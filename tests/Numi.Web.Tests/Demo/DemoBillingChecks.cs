using Microsoft.EntityFrameworkCore;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Demo;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Demo;

/// <summary>What a fresh start's demo shows of billing: plans of two strategies, subscribers in the statuses a
/// renewal history leads to, gapless invoices the engine made, and past-due invoices whose next step says why.</summary>
internal static class DemoBillingChecks
{
    public static async Task AssertAsync(NumiFactory factory)
    {
        var now = DateTime.UtcNow;
        var (plans, subscriptions, invoices, events) = await factory.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Slug == DemoOptions.Slug);
            var id = organization.Id;
            return (await db.Plans.IgnoreQueryFilters().Where(p => p.OrganizationId == id).ToListAsync(),
                await db.Subscriptions.IgnoreQueryFilters().Where(s => s.OrganizationId == id).ToListAsync(),
                await db.Invoices.IgnoreQueryFilters().Where(i => i.OrganizationId == id).ToListAsync(),
                await db.SubscriptionEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == id).ToListAsync());
        });

        Assert.Equal(new[] { RetryStrategy.Fixed, RetryStrategy.MiOptimized }.Order(), plans.Select(p => p.Settings.Retry.Strategy).Order());
        var statuses = subscriptions.Select(s => s.Status).ToHashSet();
        Assert.Equal(7, Enum.GetValues<SubscriptionStatus>().Length);
        foreach (var status in Enum.GetValues<SubscriptionStatus>())
            Assert.Contains(status, statuses);
        Assert.Contains(subscriptions, s => s.Status == SubscriptionStatus.Active && s.CancelAtPeriodEnd);
        // The unpaid subscriber's plan asked for a review after the last retry: the badge shows at once.
        var review = Assert.Single(subscriptions, s => s.NeedsReview);
        Assert.Equal(SubscriptionStatus.Unpaid, review.Status);
        Assert.EndsWith(": no retry left", review.ReviewReason);

        // Numbered by the engine from 1 without a gap; dozens of months paid, all in the past.
        Assert.Equal(Enumerable.Range(Invoice.FirstNumber, invoices.Count), invoices.Select(i => i.Number).Order());
        var paid = invoices.Where(i => i.Status == InvoiceStatus.Paid).ToList();
        Assert.True(paid.Count >= 40, $"{paid.Count} paid invoices");
        Assert.All(paid, i => Assert.True(i.PaidAt <= now && i.AmountPaid == i.AmountTotal));

        // Every past-due subscriber has one open invoice that says what happens next and why.
        var pastDue = subscriptions.Where(s => s.Status == SubscriptionStatus.PastDue).ToList();
        Assert.True(pastDue.Count >= 3, $"{pastDue.Count} past-due subscriptions");
        foreach (var subscription in pastDue)
        {
            var open = Assert.Single(invoices, i => i.SubscriptionId == subscription.Id && i.Status == InvoiceStatus.Open);
            if (open.NewCardNeeded) Assert.Contains("new card", open.RetryReason);
            else
            {
                Assert.True(open.NextAttemptAt > now, $"{open.DisplayNumber}'s next attempt {open.NextAttemptAt:O} is not ahead");
                Assert.Contains("soft decline", open.RetryReason);
            }
        }
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Open && i.NewCardNeeded);

        // Started through the API: the trial has charged nothing yet; the incomplete one's first charge was declined and
        // its invoice waits for a retry planned ahead, with the reason.
        var trialing = Assert.Single(subscriptions, s => s.Status == SubscriptionStatus.Trialing);
        Assert.True(trialing.CurrentPeriodEnd > now && trialing.CyclesPaid == 0 && trialing.OrderId is null);
        Assert.DoesNotContain(invoices, i => i.SubscriptionId == trialing.Id);
        var incomplete = Assert.Single(subscriptions, s => s.Status == SubscriptionStatus.Incomplete);
        Assert.Equal((0, (Guid?)null), (incomplete.CyclesPaid, incomplete.OrderId));
        var first = Assert.Single(invoices, i => i.SubscriptionId == incomplete.Id);
        Assert.Equal((InvoiceStatus.Open, 1, "generic_decline"), (first.Status, first.Cycle, first.LastDeclineCode));
        Assert.True(first.AttemptCount >= 1 && first.NextAttemptAt > now, $"{first.DisplayNumber}: {first.AttemptCount} attempts, next {first.NextAttemptAt:O}");
        Assert.Contains("soft decline", first.RetryReason);
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Open && i.NextAttemptAt > now);

        // The timelines tell the stories: a card changed, a payment failed, retries ran out.
        var types = events.Select(e => e.Type).ToHashSet();
        foreach (var type in new[] { SubscriptionEventType.Renewed, SubscriptionEventType.PaymentMethodChanged, SubscriptionEventType.PaymentFailed,
                     SubscriptionEventType.RetriesExhausted, SubscriptionEventType.Paused, SubscriptionEventType.Canceled, SubscriptionEventType.CancelScheduled,
                     SubscriptionEventType.Created, SubscriptionEventType.ReviewRequested })
            Assert.Contains(type, types);
    }
}

[Collection(DemoCollection.Name)]
public sealed class DemoBillingTests(DemoNumiFactory factory) : IClassFixture<DemoNumiFactory>
{
    [Fact]
    public Task The_demo_has_plans_subscribers_in_every_status_and_a_payment_history() => DemoBillingChecks.AssertAsync(factory);

    /// <summary>The API answers the same retry reason the engine stored, for the demo's own key.</summary>
    [Fact]
    public async Task The_api_shows_a_past_due_invoices_retry_reason()
    {
        using var client = factory.CreateApiClient(DemoNumiFactory.ApiKey);
        var list = await (await client.GetAsync("/api/v1/invoices?limit=100")).JsonAsync();
        var open = list.GetProperty("data").EnumerateArray().Where(i => i.GetProperty("status").GetString() == "open").ToList();
        Assert.NotEmpty(open);
        Assert.All(open, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("retry_reason").GetString())));
        Assert.Contains(open, i => i.GetProperty("retry_reason").GetString()!.Contains("insufficient funds is a soft decline", StringComparison.Ordinal));
    }
}

[Collection(DemoCollection.Name)]
public sealed class DemoBillingPostgresTests(DemoPostgresNumiFactory factory) : IClassFixture<DemoPostgresNumiFactory>
{
    [Fact]
    public Task The_demo_has_plans_subscribers_in_every_status_and_a_payment_history() => DemoBillingChecks.AssertAsync(factory);
}

/// <summary>The demo's apps run one at a time: each replays months of billing at start.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection
{
    public const string Name = "Demo";
}
