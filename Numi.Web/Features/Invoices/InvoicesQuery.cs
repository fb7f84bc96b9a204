using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Invoices;

/// <summary>Invoices with their customer's email, newest first unless the grid sorts.</summary>
public static class InvoicesQuery
{
    public static Task<GridData<InvoiceRow>> PageAsync(NumiDbContext db, InvoiceFilter filter, GridState<InvoiceRow> state, CancellationToken ct) =>
        GridPages.ReadAsync(Search(db, filter), state, ct);

    public static IQueryable<InvoiceRow> Search(NumiDbContext db, InvoiceFilter filter)
    {
        var invoices = db.Invoices.AsNoTracking();
        if (filter.UnknownStatus) invoices = invoices.Where(_ => false);
        if (filter.Status is { } wanted) invoices = invoices.Where(i => i.Status == wanted);
        return from invoice in invoices
               join customer in db.Customers.AsNoTracking() on invoice.CustomerId equals customer.Id
               orderby invoice.Number descending
               select new InvoiceRow
               {
                   Id = invoice.Id, Number = invoice.Number, Email = customer.Email, SubscriptionId = invoice.SubscriptionId,
                   AmountTotal = invoice.AmountTotal, Currency = invoice.Currency, Status = invoice.Status,
                   PeriodStart = invoice.PeriodStart, PeriodEnd = invoice.PeriodEnd, CreatedAt = invoice.CreatedAt,
               };
    }

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Invoices.AnyAsync(ct);
}
