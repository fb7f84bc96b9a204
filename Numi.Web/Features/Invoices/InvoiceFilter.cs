using Numi.Core.Invoices;

namespace Numi.Web.Features.Invoices;

/// <summary>The invoice list's status filter: null for any; a status the link named that no invoice can have
/// (<see cref="UnknownStatus"/>) matches nothing rather than everything.</summary>
public sealed record InvoiceFilter(InvoiceStatus? Status, bool UnknownStatus = false)
{
    public static readonly InvoiceFilter Any = new(Status: null);

    public static InvoiceFilter FromQuery(string? status)
    {
        if (string.IsNullOrWhiteSpace(status)) return Any;
        var known = Enum.GetValues<InvoiceStatus>().Where(s => string.Equals(s.ToString(), status.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(s => (InvoiceStatus?)s).FirstOrDefault();
        return known is null ? new(null, UnknownStatus: true) : new(known);
    }
}
