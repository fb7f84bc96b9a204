using Numi.Core.Common;
using Numi.Core.Invoices;

namespace Numi.Web.Features.Invoices;

/// <summary>An invoice as the list shows it. Settable properties, so EF can sort and page the projection.</summary>
public sealed class InvoiceRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Invoice, Id);
    public int Number { get; init; }
    public string DisplayNumber => Invoice.FormatNumber(Number);
    public string Email { get; init; } = "";
    public Guid SubscriptionId { get; init; }
    public string SubscriptionPublicId => Core.Common.PublicId.Format(IdPrefixes.Subscription, SubscriptionId);
    public long AmountTotal { get; init; }
    public string Currency { get; init; } = "usd";
    public InvoiceStatus Status { get; init; }
    public DateTime PeriodStart { get; init; }
    public DateTime PeriodEnd { get; init; }
    public DateTime CreatedAt { get; init; }

    public string TotalText => Money.Format(AmountTotal, Currency);
}
