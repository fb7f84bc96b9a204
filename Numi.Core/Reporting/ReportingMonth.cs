namespace Numi.Core.Reporting;

/// <summary>"This month" as the merchant reads it: the calendar month in the organization's own time zone, so a sale
/// at 23:30 on the 31st in New York counts in that month, not in the next one as it would in UTC.</summary>
public static class ReportingMonth
{
    /// <summary>The UTC instant the month containing <paramref name="now"/> began in <paramref name="zone"/>.</summary>
    public static DateTime StartUtc(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        // Some zones skip midnight on the day they change clocks; the month then starts at the first instant that exists.
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }
}
