using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Numi.Web.Interactive;

/// <summary>One page of a <c>MudDataGrid</c>'s server-side data: counted and paged in the database, sorted by the
/// grid's sort definitions (their <c>SortBy</c> is the row's property path; MudBlazor builds the ordering expression,
/// which EF translates because rows are projected into settable properties). Without a sort the query's own order
/// stands.</summary>
public static class GridPages
{
    public static async Task<GridData<T>> ReadAsync<T>(IQueryable<T> rows, GridState<T> state, CancellationToken ct)
    {
        var total = await rows.CountAsync(ct);
        var ordered = state.SortDefinitions.Count > 0 ? rows.OrderBy(state.SortDefinitions) : rows;
        var items = await ordered.Skip(state.Page * state.PageSize).Take(state.PageSize).ToListAsync(ct);
        return new GridData<T> { TotalItems = total, Items = items };
    }
}
