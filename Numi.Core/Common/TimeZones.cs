namespace Numi.Core.Common;

public static class TimeZones
{
    /// <summary>True when <paramref name="id"/> is an IANA time zone this machine knows.</summary>
    public static bool IsKnown(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
