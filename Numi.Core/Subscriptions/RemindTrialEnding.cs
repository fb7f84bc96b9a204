using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Core.Invoices;

namespace Numi.Core.Subscriptions;

/// <summary>Emails a trialing subscription's customer once before the trial ends (<see cref="TrialEndingEmail"/>). The
/// reminder is claimed by one conditional update (<c>trial_reminder_sent_at</c> still empty, still trialing) in the
/// transaction that queues the email in the outbox: of two runners at once exactly one sends it, and a runner that dies
/// before its commit leaves it to the next.</summary>
public sealed class RemindTrialEndingHandler(INumiDb db, IEmailSender email, IPublicLinks links, ControllableClock clock)
{
    public async Task<BillingOutcome> HandleAsync(Guid subscriptionId, TimeSpan lead, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null || !subscription.TrialReminderDue(now, lead)) return new BillingOutcome(BillingResult.Skipped, "not due");
        var to = await db.Customers.AsNoTracking().Where(c => c.Id == subscription.CustomerId).Select(c => c.Email).FirstAsync(ct);
        var merchant = await db.Organizations.AsNoTracking().Where(o => o.Id == subscription.OrganizationId)
            .Select(o => new { o.Name, o.Slug, o.TimeZone }).FirstAsync(ct);
        var message = TrialEndingEmail.For(to, merchant.Name, subscription.Description, subscription.Amount, subscription.Currency,
            subscription.CurrentPeriodEnd, TimeZoneInfo.FindSystemTimeZoneById(merchant.TimeZone), links.Portal(merchant.Slug));
        return await db.WriteInTurnAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Subscriptions
                .Where(s => s.Id == subscriptionId && s.Status == SubscriptionStatus.Trialing && s.TrialReminderSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.TrialReminderSentAt, now), ct);
            if (claimed == 0) return new BillingOutcome(BillingResult.Skipped, "reminded by another runner");
            email.Queue(message, subscription.OrganizationId);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new BillingOutcome(BillingResult.Done);
        }, ct);
    }
}
