using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Funnels;

/// <summary>A funnel as the funnel list shows it. Settable properties, so EF can sort and page the projection.</summary>
public sealed class FunnelRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Funnel, Id);
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public FunnelStatus Status { get; init; }
    public int Revision { get; init; }
    public bool HasUnpublishedChanges { get; init; }
    public int Steps { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>The funnel list's data: the organization's funnels, newest first unless the grid sorts.</summary>
internal static class FunnelsQuery
{
    public static Task<GridData<FunnelRow>> PageAsync(NumiDbContext db, FunnelStatus? status, GridState<FunnelRow> state, CancellationToken ct)
    {
        var funnels = db.Funnels.AsNoTracking();
        if (status is { } wanted) funnels = funnels.Where(f => f.Status == wanted);
        var rows = funnels.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Select(f => new FunnelRow
        {
            Id = f.Id, Name = f.Name, Slug = f.Slug, Status = f.Status, Revision = f.Revision,
            HasUnpublishedChanges = f.HasUnpublishedChanges, Steps = f.Steps.Count, UpdatedAt = f.UpdatedAt,
        });
        return GridPages.ReadAsync(rows, state, ct);
    }

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Funnels.AnyAsync(ct);
}
