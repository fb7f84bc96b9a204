using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Numi.Core.Common;

namespace Numi.Web.Features.Checkout;

/// <summary>The tax country list's options (<see cref="TaxCountryField"/>) as HTML. They are the same on every checkout
/// page but for the one chosen, so they are written once here instead of being rendered, a thousand render frames for
/// the 249 countries, on every page; encoded as Blazor's renderer encodes text and attributes, so the bytes are the same.</summary>
internal static class TaxCountryOptions
{
    private static readonly string[] Codes = [.. Countries.ByName.Select(c => c.Code)];
    private static readonly string[] Chosen = [.. Countries.ByName.Select(c => Option(c.Code, c.Name, selected: true))];
    /// <summary>Every option, none chosen, and where each one starts in it.</summary>
    private static readonly string None;
    private static readonly int[] Starts;

    static TaxCountryOptions()
    {
        var html = new StringBuilder();
        Starts = new int[Codes.Length + 1];
        for (var i = 0; i < Codes.Length; i++)
        {
            Starts[i] = html.Length;
            html.Append(Option(Codes[i], Countries.ByName[i].Name, selected: false));
        }
        Starts[Codes.Length] = html.Length;
        None = html.ToString();
    }

    /// <summary>The options with <paramref name="selected"/> (a two-letter code) chosen, if it is one of them.</summary>
    public static MarkupString For(string? selected)
    {
        var index = selected is null ? -1 : Array.IndexOf(Codes, selected);
        if (index < 0) return new MarkupString(None);
        return new MarkupString(string.Concat(None.AsSpan(0, Starts[index]), Chosen[index], None.AsSpan(Starts[index + 1])));
    }

    private static string Option(string code, string name, bool selected) =>
        $"<option value=\"{HtmlEncoder.Default.Encode(code)}\"{(selected ? " selected" : "")}>{HtmlEncoder.Default.Encode(name)}</option>";
}
