using System.Net;

namespace Numi.Core.Email;

/// <summary>The HTML part of an email written as plain text.</summary>
public static class EmailHtml
{
    /// <summary>The plain text as HTML: escaped, paragraphs and line breaks kept, <paramref name="link"/> clickable.</summary>
    public static string FromText(string text, string link)
    {
        var href = WebUtility.HtmlEncode(link);
        var paragraphs = text.ReplaceLineEndings("\n").Split("\n\n")
            .Select(p => "<p>" + WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>");
        return string.Concat(paragraphs).Replace(href, $"<a href=\"{href}\">{href}</a>", StringComparison.Ordinal);
    }
}
