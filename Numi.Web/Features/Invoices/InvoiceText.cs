using Numi.Core.Invoices;

namespace Numi.Web.Features.Invoices;

/// <summary>How the merchant's pages name an invoice's status, and its colour.</summary>
public static class InvoiceText
{
    public static string Name(InvoiceStatus status) => status.ToString().ToLowerInvariant();

    public static MudBlazor.Color Color(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => MudBlazor.Color.Success,
        InvoiceStatus.Open => MudBlazor.Color.Warning,
        InvoiceStatus.Uncollectible => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
