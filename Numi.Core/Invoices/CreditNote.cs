using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>Money given back against a paid invoice (a refund), made only by <see cref="Invoice.Credit"/>.</summary>
public sealed class CreditNote : IOrganizationOwned, ICreatedInOrder
{
    public const int MaxReasonLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid InvoiceId { get; private set; }
    public long Amount { get; private set; }
    public string Currency { get; private set; } = "usd";
    public string? Reason { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private CreditNote() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.CreditNote, Id);

    internal static CreditNote Create(Invoice invoice, long amount, string? reason, DateTime now)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return new CreditNote
        {
            OrganizationId = invoice.OrganizationId, InvoiceId = invoice.Id, Amount = amount, Currency = invoice.Currency,
            Reason = text is { Length: > MaxReasonLength } ? text[..MaxReasonLength] : text, CreatedAt = now,
        };
    }
}
