using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Numi.Web.Features.Portal;

/// <summary>One page of a portal list: its rows, its number (from 1) and how many pages the list has (at least one,
/// so an empty list is page 1 of 1).</summary>
public sealed record PortalPage<T>(IReadOnlyList<T> Rows, int Number, int Count)
{
    public bool HasNewer => Number > 1;
    public bool HasOlder => Number < Count;
}

/// <summary>The portal's lists are paged in the database, newest first, <see cref="Size"/> rows a page, by <c>?page=</c>.
/// A page that is not a whole number from 1 (absent, "abc", "-3", "1e9", too large for an int) is the first page, and one
/// past the end is the last: a hand-edited or stale link always lands on a page, never on an error.</summary>
public static class PortalPaging
{
    public const int Size = 20;

    public static int Requested(string? page) =>
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : 1;

    /// <summary>Counts the rows, then reads the one page asked for (<paramref name="newestFirst"/> must order them
    /// completely, so that no row is on two pages or on none).</summary>
    public static async Task<PortalPage<T>> PageAsync<T>(this IQueryable<T> newestFirst, string? page, CancellationToken ct)
    {
        var total = await newestFirst.CountAsync(ct);
        var count = Math.Max(1, (total + Size - 1) / Size);
        var number = Math.Min(Requested(page), count);
        var rows = await newestFirst.Skip((number - 1) * Size).Take(Size).ToListAsync(ct);
        return new PortalPage<T>(rows, number, count);
    }

    /// <summary>The address of page <paramref name="number"/> of the list at <paramref name="path"/> (page 1 is the list's
    /// own), with <paramref name="query"/> after, e.g. "done=pause".</summary>
    public static string Link(string path, int number, string? query = null)
    {
        var page = number > 1 ? "page=" + number.ToString(CultureInfo.InvariantCulture) : null;
        var parts = string.Join('&', new[] { page, query }.OfType<string>());
        return parts.Length == 0 ? path : $"{path}?{parts}";
    }
}
