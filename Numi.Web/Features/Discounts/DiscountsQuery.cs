using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Discounts;

public enum DiscountStatus { All, Active, Archived }

/// <summary>Which codes the list shows: a status and a part of the code.</summary>
public sealed record DiscountsFilter(DiscountStatus Status, string? Search)
{
    public static readonly DiscountsFilter Default = new(DiscountStatus.All, null);

    /// <summary>A link's <c>?status=archived&amp;q=summ</c> (status in any case); an unknown status is every code.</summary>
    public static DiscountsFilter FromQuery(string? search, string? status) =>
        new(Enum.TryParse<DiscountStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : DiscountStatus.All,
            string.IsNullOrWhiteSpace(search) ? null : search.Trim());
}

/// <summary>The discount list's data: the organization's codes, newest first unless the grid sorts. The entity itself
/// is the row (read without tracking): every column is one of its properties.</summary>
internal static class DiscountsQuery
{
    public static Task<GridData<DiscountCode>> PageAsync(NumiDbContext db, DiscountsFilter filter, GridState<DiscountCode> state, CancellationToken ct)
    {
        var codes = db.DiscountCodes.AsNoTracking();
        codes = filter.Status switch
        {
            DiscountStatus.Active => codes.Where(c => c.Active),
            DiscountStatus.Archived => codes.Where(c => !c.Active),
            _ => codes,
        };
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // CodeKey is the code upper-cased, so comparing it to the upper-cased term ignores case in every database.
            var term = DiscountCode.KeyOf(filter.Search);
            codes = codes.Where(c => c.CodeKey.Contains(term));
        }
        return GridPages.ReadAsync(codes.NewestFirst(), state, ct);
    }

    /// <summary>Whether the organization has any code at all, and the time zone its dates are shown in.</summary>
    public static async Task<(bool Any, string TimeZone)> OverviewAsync(NumiDbContext db, CancellationToken ct) =>
        (await db.DiscountCodes.AnyAsync(ct), await db.Organizations.AsNoTracking().Select(o => o.TimeZone).FirstAsync(ct));
}
