using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Customers;

/// <summary>The customer grid's data: newest first unless the grid sorts, matching part of the email or the name.</summary>
public static class CustomersQuery
{
    public static Task<GridData<CustomerRow>> PageAsync(NumiDbContext db, string? search, GridState<CustomerRow> state, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            customers = customers.Where(c => c.EmailKey.Contains(term) || (c.Name != null && c.Name.ToLower().Contains(term)));
        }
        var rows = customers.NewestFirst().Select(c => new CustomerRow
        {
            Id = c.Id,
            Email = c.Email,
            Name = c.Name,
            Orders = db.Orders.Count(o => o.CustomerId == c.Id),
            CreatedAt = c.CreatedAt,
        });
        return GridPages.ReadAsync(rows, state, ct);
    }

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Customers.AnyAsync(ct);
}
