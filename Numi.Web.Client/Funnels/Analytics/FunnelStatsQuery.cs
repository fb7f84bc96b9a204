using System.Globalization;

namespace Numi.Web.Client.Funnels.Analytics;

/// <summary>The stats URLs of a funnel and period: the JSON the browser reads and the CSV the export link downloads.</summary>
public static class FunnelStatsQuery
{
    public static string Path(string funnelId, DateOnly? from, DateOnly? to, bool csv = false)
    {
        var query = string.Join('&', new[] { ("from", from), ("to", to) }
            .Where(p => p.Item2 is not null)
            .Select(p => p.Item1 + "=" + p.Item2!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return $"api/v1/funnels/{Uri.EscapeDataString(funnelId)}/{(csv ? "stats.csv" : "stats")}{(query.Length > 0 ? "?" + query : "")}";
    }
}
