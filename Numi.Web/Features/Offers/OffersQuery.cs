using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Offers;

/// <summary>An offer as the offer grid lists it. Settable properties, so EF can sort and page the projection.</summary>
public sealed class OfferRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Offer, Id);
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Currency { get; init; } = "";
    public OfferStatus Status { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Slots { get; init; }
    public int Bumps { get; init; }
}

/// <summary>Which offers the list shows: a status (null for every status) and a part of the name or slug.</summary>
public sealed record OffersFilter(OfferStatus? Status, string? Search)
{
    public static readonly OffersFilter Default = new(null, null);

    /// <summary>A link's <c>?status=draft&amp;q=club</c> (status in any case); an unknown status is every offer.</summary>
    public static OffersFilter FromQuery(string? search, string? status) =>
        new(Enum.TryParse<OfferStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null,
            string.IsNullOrWhiteSpace(search) ? null : search.Trim());
}

/// <summary>The offer list's data: the organization's offers, newest first unless the grid sorts.</summary>
internal static class OffersQuery
{
    public static Task<GridData<OfferRow>> PageAsync(NumiDbContext db, OffersFilter filter, GridState<OfferRow> state, CancellationToken ct)
    {
        var offers = db.Offers.AsNoTracking();
        if (filter.Status is { } status) offers = offers.Where(o => o.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Slugs are stored lower-case; the name is lowered so the search ignores case in every database.
            var term = filter.Search.Trim().ToLowerInvariant();
            offers = offers.Where(o => o.Name.ToLower().Contains(term) || o.Slug.Contains(term));
        }
        var rows = offers.NewestFirst().Select(o => new OfferRow
        {
            Id = o.Id, Name = o.Name, Slug = o.Slug, Currency = o.Currency, Status = o.Status, UpdatedAt = o.UpdatedAt,
            Slots = db.OfferSlots.Count(s => s.OfferId == o.Id),
            Bumps = db.OfferSlots.Count(s => s.OfferId == o.Id && !s.Required),
        });
        return GridPages.ReadAsync(rows, state, ct);
    }

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Offers.AnyAsync(ct);

    /// <summary>"2 (1 order bump)": the slots, and how many of them are optional.</summary>
    public static string SlotsText(OfferRow row) =>
        row.Bumps == 0 ? row.Slots.ToString() : $"{row.Slots} ({row.Bumps} order bump{(row.Bumps == 1 ? "" : "s")})";
}
