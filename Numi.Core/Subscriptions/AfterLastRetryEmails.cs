using Numi.Core.Email;
using Numi.Core.Invoices;
using Numi.Core.Portal;

namespace Numi.Core.Subscriptions;

/// <summary>The emails of the plan's choice after the last retry: the save flow's to the customer, and the review's to
/// the merchant. Plain text with the link, made HTML as the dunning emails are.</summary>
public static class AfterLastRetryEmails
{
    /// <summary>The customer's save-flow email: the secure update-card link (as the dunning emails send it) that saves a
    /// card and pays the open invoice, and pausing once it is paid instead of losing the subscription.</summary>
    public static EmailMessage SaveFlow(string to, string customerName, string merchantName, string product, Invoice invoice, string updateCardUrl)
    {
        var amount = Money.Format(invoice.AmountDue, invoice.Currency);
        var text = $"Hello {customerName},\n\n" +
                   $"We tried several times to collect {amount} for {product} ({invoice.DisplayNumber}) and your card was declined each time, " +
                   $"so your subscription with {merchantName} is on hold.\n\n" +
                   "You can keep it. Open your account with this secure link, update your card, and the open invoice is paid with it:\n" +
                   $"{updateCardUrl}\n\n" +
                   "If you would rather take a break than lose the subscription, you can pause it from your account once the invoice is paid.\n\n" +
                   $"The link works for {PortalSignInToken.UpdateCardLifetime.TotalDays:0} days.";
        return new EmailMessage(to, $"Keep your {product} subscription with {merchantName}", text, EmailHtml.FromText(text, updateCardUrl));
    }

    /// <summary>The merchant's notice that a subscription waits for their review, with its page in the merchant app.</summary>
    public static EmailMessage ReviewRequested(string to, string merchantName, string product, string customerEmail, string reason, string subscriptionUrl)
    {
        var text = $"A subscription of {merchantName} needs your review.\n\n" +
                   $"{product} for {customerEmail}: {reason}. It is unpaid, and no more payments will be tried.\n\n" +
                   $"Open it, decide what to do (cancel, pause once paid, or contact the customer), then mark it reviewed:\n{subscriptionUrl}";
        return new EmailMessage(to, $"Review needed: {product} for {customerEmail}", text, EmailHtml.FromText(text, subscriptionUrl));
    }
}
