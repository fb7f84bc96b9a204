using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Core.Invoices;
using Numi.Core.Organizations;
using Numi.Core.Portal;

namespace Numi.Core.Subscriptions;

/// <summary>Queues in the outbox, in the caller's unit of work (so they go with the transition's save or not at all),
/// the emails of a subscription that has just been flagged for review or started the save flow
/// (<see cref="Subscription.FollowUpStarted"/>): the review's to every owner of the organization, the save flow's to the
/// customer with a fresh update-card link.</summary>
public sealed class AfterLastRetryNotices(INumiDb db, IEmailSender email, IPublicLinks links)
{
    public async Task QueueAsync(Subscription subscription, Invoice invoice, DateTime now, CancellationToken ct)
    {
        var started = subscription.FollowUpStarted(now);
        if (started is null) return;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == subscription.CustomerId)
            .Select(c => new { c.Email, c.Name }).FirstAsync(ct);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == subscription.OrganizationId)
            .Select(o => new { o.Name, o.Slug }).FirstAsync(ct);
        if (started == SubscriptionEventType.SaveFlowStarted)
        {
            var (token, secret) = PortalSignInToken.IssueUpdateCard(subscription.OrganizationId, subscription.CustomerId, subscription.Id, now);
            db.PortalSignInTokens.Add(token);
            email.Queue(AfterLastRetryEmails.SaveFlow(customer.Email, customer.Name ?? customer.Email, organization.Name, subscription.Description, invoice,
                links.PortalSignIn(organization.Slug, secret)), subscription.OrganizationId);
            return;
        }
        var owners = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == subscription.OrganizationId && m.Role == OrganizationRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).Where(e => e != null).Distinct().ToListAsync(ct);
        var url = links.Absolute($"subscriptions/{subscription.PublicId}");
        foreach (var owner in owners.Order(StringComparer.Ordinal))
            email.Queue(AfterLastRetryEmails.ReviewRequested(owner!, organization.Name, subscription.Description, customer.Email,
                subscription.ReviewReason ?? invoice.DisplayNumber, url), subscription.OrganizationId);
    }
}
