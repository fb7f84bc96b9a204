using System.Globalization;

namespace Numi.Core.Dunning;

/// <summary>Whole local hours of a time zone as UTC instants, daylight-saving changes included. A local hour the clocks
/// skip (02:00 on the spring-forward night in America/Chicago and Europe/Berlin) does not exist, so no retry is put
/// there: the next hour of the window is taken instead, which keeps every retry inside the window. A local hour that
/// happens twice (01:00 in Chicago, 02:00 in Berlin on the fall-back night) is its first occurrence, so a retry never
/// slips an hour later than the time shown.</summary>
public static class LocalSlots
{
    /// <summary>The UTC instant of <paramref name="hour"/>:00 on <paramref name="date"/> in <paramref name="zone"/>, or
    /// null when the clocks skip that hour.</summary>
    public static DateTime? ToUtc(DateOnly date, int hour, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return null;
        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the one in force before the clocks went back: the earlier of the two instants.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The first hour of the window on <paramref name="date"/> that exists and lies between
    /// <paramref name="notBefore"/> and <paramref name="notAfter"/>, trying the <paramref name="preferred"/> hours (a mask,
    /// bit h for hour h) first.</summary>
    public static DateTime? FirstInWindow(DateOnly date, TimeZoneInfo zone, int startHour, int endHour, int preferred, DateTime notBefore, DateTime notAfter)
    {
        // First pass: the preferred hours only (skipped when there are none); second pass: any hour of the window.
        for (var pass = preferred == 0 ? 1 : 0; pass < 2; pass++)
        {
            for (var hour = startHour; hour <= endHour; hour++)
            {
                if (pass == 0 && (preferred & (1 << hour)) == 0) continue;
                if (ToUtc(date, hour, zone) is { } utc && utc >= notBefore && utc <= notAfter) return utc;
            }
        }
        return null;
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>"Fri 15 Jan 09:00 America/Chicago": invariant English, the zone's IANA id, so the text reads the same on
    /// every server and in every log.</summary>
    public static string Describe(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + " " + zone.Id;
    }
}
