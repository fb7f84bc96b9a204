using Microsoft.AspNetCore.Components;
using MudBlazor;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Interactive;

/// <summary>A merchant list on the server: a <c>MudDataGrid</c> whose pages are read in the database through
/// <see cref="CircuitOperations"/> (a scope and a DbContext per read). MudDataGrid asks for its first page after its
/// first interactive render, never while prerendering, so each page is read once.</summary>
public abstract class ServerGrid<TRow> : ComponentBase
{
    [Inject] protected CircuitOperations Operations { get; set; } = default!;

    /// <summary>Reads one page for the grid's state under the component's current filter.</summary>
    protected abstract Task<GridData<TRow>> ReadAsync(NumiDbContext db, GridState<TRow> state, CancellationToken ct);

    /// <summary>The grid's <c>ServerData</c>.</summary>
    protected Task<GridData<TRow>> LoadAsync(GridState<TRow> state, CancellationToken ct) =>
        Operations.RunAsync(services => ReadAsync(services.GetRequiredService<NumiDbContext>(), state, ct), ct);

    /// <summary>Runs a read of the component's own (counts, options) in the circuit's organization.</summary>
    protected Task<T> ReadAsync<T>(Func<NumiDbContext, Task<T>> read) =>
        Operations.RunAsync(services => read(services.GetRequiredService<NumiDbContext>()));
}
