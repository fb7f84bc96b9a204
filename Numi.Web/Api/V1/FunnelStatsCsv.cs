using System.Globalization;
using System.Text;
using Numi.Contracts.Funnels;

namespace Numi.Web.Api.V1;

/// <summary>The funnel stats as RFC 4180 CSV: a header, then one row per step and arm, CRLF line ends.</summary>
public static class FunnelStatsCsv
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly string[] Header =
    [
        "step_key", "step_name", "step_viewed", "step_completed", "variant_key", "variant_name", "visitors", "conversions",
        "conversion_rate", "currency", "revenue_minor", "revenue_per_visitor_minor", "uplift", "z", "p_value", "verdict", "summary",
    ];

    public static string Write(FunnelStats stats)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var step in stats.Steps)
        {
            foreach (var arm in step.Variants)
            {
                Row(csv,
                [
                    step.Key, step.Name, Number(step.Viewed), Number(step.Completed), arm.Key, arm.Name, Number(arm.Visitors),
                    Number(arm.Conversions), Rate(arm.ConversionRate), stats.Currency ?? "", Number(arm.RevenueMinor),
                    arm.RevenuePerVisitorMinor is { } rpv ? Number(rpv) : "", Rate(arm.Comparison?.Uplift), Rate(arm.Comparison?.Z),
                    Rate(arm.Comparison?.PValue), arm.Comparison?.Verdict ?? "", arm.Comparison?.Summary ?? "",
                ]);
            }
        }
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }

    /// <summary>Quotes a field that holds a comma, quote or line break, doubling its quotes. Text a spreadsheet would run
    /// as a formula (a step named "=HYPERLINK(…)") gets a leading apostrophe: names come from merchants' team members.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, Invariant, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Number(long value) => value.ToString(Invariant);

    private static string Rate(double? value) => value is { } v ? v.ToString("0.######", Invariant) : "";
}
