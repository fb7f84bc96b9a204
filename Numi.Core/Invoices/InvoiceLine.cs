using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>One line of an invoice, as it was billed: what, how many, at what unit amount, and the line's amount.</summary>
public sealed class InvoiceLine : IOrganizationOwned
{
    public const int MaxDescriptionLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid InvoiceId { get; private set; }
    public string Description { get; private set; } = "";
    public int Quantity { get; private set; }
    public long UnitAmount { get; private set; }
    public long Amount { get; private set; }

    private InvoiceLine() { }

    /// <summary>A line of <paramref name="amount"/> for <paramref name="quantity"/>: the unit amount is what one unit
    /// costs when the amount divides evenly, else the amount is kept exact and the unit amount rounded toward zero. A
    /// negative amount is a credit (a proration's unused time).</summary>
    public static InvoiceLine Create(string description, int quantity, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        var text = description.Trim();
        return new InvoiceLine
        {
            Description = text.Length > MaxDescriptionLength ? text[..MaxDescriptionLength] : text,
            Quantity = quantity, UnitAmount = amount / quantity, Amount = amount,
        };
    }
}
