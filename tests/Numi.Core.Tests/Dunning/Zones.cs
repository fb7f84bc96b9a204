using Numi.Core.Dunning;

namespace Numi.Core.Tests.Dunning;

/// <summary>The zones and local-time helpers the dunning tests share.</summary>
internal static class Zones
{
    public static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    public static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static TimeZoneInfo Of(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>The UTC instant of a local wall-clock time that exists exactly once.</summary>
    public static DateTime Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), zone);

    public static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone);

    /// <summary>Successful payments at <paramref name="hour"/>:30 local on each given date.</summary>
    public static PastPayment[] Paid(TimeZoneInfo zone, int hour, params (int Year, int Month, int Day)[] dates) =>
        [.. dates.Select(d => new PastPayment(Local(zone, d.Year, d.Month, d.Day, hour, 30), true))];
}
