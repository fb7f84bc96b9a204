using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Core.Invoices;
using Numi.Core.Portal;
using Numi.Core.Subscriptions;

namespace Numi.Core.Dunning;

/// <summary>A step of a failed invoice's campaign that this runner, and no other, is to send.</summary>
public sealed record DunningClaim(Guid MessageId, Guid InvoiceId, DunningStep Step, RetrySettings Retry);

/// <summary>Sends the campaign step that is due for an open invoice whose payment failed, in the current organization:
/// the plan's email (its template filled in, with a fresh update-card link) and, when the plan asks, an SMS, both through
/// the outbox. First the step is claimed by inserting its <see cref="DunningMessage"/> (unique per invoice and day), then
/// the invoice is read again: one paid or voided since the claim sends nothing.</summary>
public sealed class SendDunningMessageHandler(INumiDb db, IEmailSender email, IPublicLinks links, ControllableClock clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BillingOutcome> HandleAsync(Guid invoiceId, CancellationToken ct) =>
        await ClaimAsync(invoiceId, ct) is { } claim ? await SendAsync(claim, ct) : new BillingOutcome(BillingResult.Skipped, "no step due");

    /// <summary>The due step, claimed; null when none is due, the plan sends nothing, or the step is already claimed.</summary>
    public async Task<DunningClaim?> ClaimAsync(Guid invoiceId, CancellationToken ct)
    {
        var now = Now;
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Open && i.FirstFailedAt != null)
            .Join(db.Subscriptions, i => i.SubscriptionId, s => s.Id, (i, s) => new { i.OrganizationId, i.FirstFailedAt, s.PriceId })
            .FirstOrDefaultAsync(ct);
        if (invoice is null) return null;
        var settings = await db.PlanSettingsAsync(invoice.PriceId, ct);
        if (!settings.Retry.FailureEmail && !settings.Retry.SmsReminder) return null;
        if (settings.Campaign.DueStep(invoice.FirstFailedAt!.Value, now) is not { } step) return null;
        if (await db.DunningMessages.AnyAsync(m => m.InvoiceId == invoiceId && m.Day == step.Day, ct)) return null;

        var message = DunningMessage.Claim(invoice.OrganizationId, invoiceId, step.Day, now);
        db.DunningMessages.Add(message);
        try
        {
            await db.SaveInTurnAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            db.Entry(message).State = EntityState.Detached;
            return null;
        }
        return new DunningClaim(message.Id, invoiceId, step, settings.Retry);
    }

    public async Task<BillingOutcome> SendAsync(DunningClaim claim, CancellationToken ct)
    {
        var now = Now;
        var message = await db.DunningMessages.FirstAsync(m => m.Id == claim.MessageId, ct);
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == claim.InvoiceId, ct);
        if (invoice.Status != InvoiceStatus.Open)
        {
            message.Stopped($"{invoice.DisplayNumber} is {Invoice.Describe(invoice.Status)}");
            await db.SaveInTurnAsync(ct);
            return new BillingOutcome(BillingResult.Skipped, message.Detail);
        }
        var subscription = await db.Subscriptions.AsNoTracking().Where(s => s.Id == invoice.SubscriptionId)
            .Select(s => new { s.Id, s.Description }).FirstAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == invoice.CustomerId)
            .Select(c => new { c.Id, c.Email, c.Name, c.Phone }).FirstAsync(ct);
        var organization = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Slug }).FirstAsync(ct);

        var (token, secret) = PortalSignInToken.IssueUpdateCard(organization.Id, customer.Id, subscription.Id, now);
        db.PortalSignInTokens.Add(token);
        var link = links.PortalSignIn(organization.Slug, secret);
        var values = DunningValues.For(invoice, customer.Name ?? customer.Email, organization.Name, subscription.Description, link,
            TimeZoneInfo.FindSystemTimeZoneById(claim.Retry.TimeZone));
        var sent = new List<string>();
        if (claim.Retry.FailureEmail)
        {
            var text = claim.Step.Email.Render(values);
            email.Queue(new EmailMessage(customer.Email, text.Subject, text.Body, EmailHtml.FromText(text.Body, link)), organization.Id);
            sent.Add("email");
        }
        if (claim.Retry.SmsReminder && !string.IsNullOrWhiteSpace(customer.Phone))
        {
            db.OutboxMessages.Add(OutboxMessage.CreateSms(customer.Phone.Trim(), DunningValues.Sms(values), organization.Id, now));
            sent.Add("sms");
        }
        message.Sent($"day {claim.Step.Day}: {(sent.Count == 0 ? "nothing to send (no phone for the SMS)" : string.Join(" and ", sent))}", now);
        await db.SaveInTurnAsync(ct);
        return new BillingOutcome(BillingResult.Done, message.Detail);
    }
}
