using System.Text;
using System.Text.RegularExpressions;

namespace Numi.Core.Organizations;

/// <summary>Organization slugs appear in checkout and webhook URLs: lower-case letters, digits and single hyphens.</summary>
public static partial class Slug
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "admin", "api", "account", "app", "c", "checkout", "health", "login", "numi", "openapi", "settings", "static", "webhooks", "www",
    };

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? slug) =>
        slug is { Length: >= MinLength and <= MaxLength } && Pattern().IsMatch(slug) && !Reserved.Contains(slug);

    public static bool IsReserved(string slug) => Reserved.Contains(slug);

    /// <summary>Slugs are stored in this form (lower-case invariant), so the slug column is its own normalized column:
    /// its unique index and every lookup compare normalized text, never trusting a collation to ignore case.</summary>
    public static string Normalize(string slug) => slug.Trim().ToLowerInvariant();

    /// <summary>A slug suggestion from a display name: "Bean & Leaf Café" becomes "bean-leaf-cafe".</summary>
    public static string FromName(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '.' or '&') builder.Append('-');
        }
        var collapsed = HyphenRuns().Replace(builder.ToString(), "-").Trim('-');
        return collapsed.Length > MaxLength ? collapsed[..MaxLength].TrimEnd('-') : collapsed;
    }

    [GeneratedRegex("-{2,}")]
    private static partial Regex HyphenRuns();
}
