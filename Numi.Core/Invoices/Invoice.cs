using System.Globalization;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>What a subscription's period costs, billed: numbered per organization without gaps (the number is taken
/// under the organization's row lock, as order numbers are), with its lines, discount and tax as they were when it was
/// made, and its payment attempts. At most one renewal per subscription period: (subscription, kind, period start) is
/// unique, so a second renewal run finds the invoice already there and never bills the period twice. Status changes are in
/// <c>InvoiceTransitions.cs</c>, payment attempts in <c>InvoiceAttempts.cs</c>.</summary>
public sealed partial class Invoice : IOrganizationOwned, ICreatedInOrder
{
    public const int FirstNumber = 1;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>Counts up from 1 in each organization, never skipping: shown as <see cref="DisplayNumber"/>.</summary>
    public int Number { get; private set; }
    public InvoiceKind Kind { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid SubscriptionId { get; private set; }
    /// <summary>Which period of the subscription this is (1 was paid by the order that started it).</summary>
    public int Cycle { get; private set; }
    public DateTime PeriodStart { get; private set; }
    public DateTime PeriodEnd { get; private set; }
    public string Currency { get; private set; } = "usd";
    public List<InvoiceLine> Lines { get; private set; } = [];
    public long AmountSubtotal { get; private set; }
    /// <summary>The code whose discount this cycle still takes (see <see cref="Discounts.DiscountCycles"/>), as text.</summary>
    public string? DiscountCode { get; private set; }
    public long AmountDiscount { get; private set; }
    public string? TaxName { get; private set; }
    public int? TaxRatePpm { get; private set; }
    public bool TaxInclusive { get; private set; }
    public long AmountTax { get; private set; }
    public long AmountTotal { get; private set; }
    /// <summary>Taken from the subscription's credit (a downgrade's proration) when the invoice was made.</summary>
    public long AmountCreditApplied { get; private set; }
    /// <summary>What the customer's card is charged: the total less the credit applied.</summary>
    public long AmountDue => AmountTotal - AmountCreditApplied;
    public long AmountPaid { get; private set; }
    /// <summary>Given back by credit notes so far; a concurrency token, so two credit notes cannot spend the same balance.</summary>
    public long AmountCredited { get; private set; }
    public List<CreditNote> CreditNotes { get; private set; } = [];
    public InvoiceStatus Status { get; private set; }
    public DateTime? PaidAt { get; private set; }
    public string? PaymentIntentId { get; private set; }
    public DateTime? VoidedAt { get; private set; }
    /// <summary>When the paid invoice's receipt went into the outbox; set once, by <see cref="SendInvoiceReceiptHandler"/>.</summary>
    public DateTime? ReceiptSentAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Invoice() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.Invoice, Id);

    /// <summary>"INV-000123".</summary>
    public string DisplayNumber => FormatNumber(Number);

    public static string FormatNumber(int number) => "INV-" + number.ToString("000000", CultureInfo.InvariantCulture);

    /// <summary>A draft invoice of <paramref name="subscription"/>'s period from <paramref name="periodStart"/> to
    /// <paramref name="periodEnd"/>, one line for the subscription's quantity and amount, with the discount and tax given,
    /// paid first from the subscription's <see cref="Subscription.CreditBalance"/> (as much of it as the total takes).</summary>
    public static Invoice Draft(int number, Subscription subscription, int cycle, DateTime periodStart, DateTime periodEnd,
        InvoiceDiscount? discount, InvoiceTax? tax, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, FirstNumber);
        if (periodEnd <= periodStart) throw new ArgumentException("A period ends after it starts.", nameof(periodEnd));
        var line = InvoiceLine.Create(subscription.Description, subscription.Quantity, subscription.Amount);
        line.OrganizationId = subscription.OrganizationId;
        var totals = InvoiceTotals.Compute(line.Amount, subscription.Currency, discount, tax);
        var invoice = new Invoice
        {
            OrganizationId = subscription.OrganizationId, Number = number, CustomerId = subscription.CustomerId,
            SubscriptionId = subscription.Id, Cycle = cycle, PeriodStart = periodStart, PeriodEnd = periodEnd,
            Currency = subscription.Currency, AmountSubtotal = totals.Subtotal, AmountDiscount = totals.Discount,
            DiscountCode = totals.Discount > 0 ? discount?.Code : null, TaxName = tax?.Name, TaxRatePpm = tax?.RatePpm,
            TaxInclusive = totals.TaxInclusive, AmountTax = totals.Tax, AmountTotal = totals.Total,
            AmountCreditApplied = Math.Min(subscription.CreditBalance, totals.Total), Status = InvoiceStatus.Draft, CreatedAt = now,
        };
        invoice.Lines.Add(line);
        return invoice;
    }
}
