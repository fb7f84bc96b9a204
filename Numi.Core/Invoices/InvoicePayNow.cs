using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>Whether the customer or the merchant may pay an invoice now, ahead of its scheduled attempts.</summary>
public sealed partial class Invoice
{
    /// <summary>Only an open invoice is paid now, and not while a runner holds its next attempt (that attempt may be
    /// charging at this moment). Paid, void, uncollectible and draft invoices each say why not.</summary>
    public Error? PayNowRefusal(DateTime now) => Status switch
    {
        InvoiceStatus.Paid => Error.Conflict($"{DisplayNumber} is already paid."),
        InvoiceStatus.Void => Error.Conflict($"{DisplayNumber} is void: nothing is owed on it."),
        InvoiceStatus.Uncollectible => Error.Conflict($"{DisplayNumber} was marked uncollectible after its retries: it is no longer collected."),
        InvoiceStatus.Draft => Error.Conflict($"{DisplayNumber} is a draft: it is not due yet."),
        _ when ClaimedUntil is { } until && until > now =>
            Error.Conflict($"A payment attempt on {DisplayNumber} is in progress; try again in a few minutes."),
        _ => null,
    };
}
