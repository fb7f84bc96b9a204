using System.Globalization;
using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Funnels;

/// <summary>The fields a block's row edits: the words a shopper reads (a call to action's button label, a bullet list one
/// item per line, a testimonial's quote and author, a countdown's caption), an image's or a video's address, and a
/// countdown's end. A value the canvas can already tell is wrong (an end time unparsable or past) is refused here with
/// the reason; the server's block rules decide the rest.</summary>
public static class FunnelBlockText
{
    public const string EndFormat = "yyyy-MM-dd HH:mm";

    private static readonly string[] EndFormats = [EndFormat, "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>The server refuses a moment past this one (<c>PlausibleTimestamp</c>).</summary>
    private static readonly DateTimeOffset LatestEnd = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One field of a block; <see cref="Name"/> is the wire field it sets.</summary>
    public sealed record Field(string Name, string Label, string? Value, bool Multiline, string? Help = null);

    public static IReadOnlyList<Field> For(ContentBlockData block) => block.Type switch
    {
        "call_to_action" => [new("label", "Button label", block.Label, false)],
        "image" => [new("url", "Image address", block.Url, false, "An https:// address or a path on this site.")],
        "video" => [new("url", "Video address", block.Url, false, "A YouTube or Vimeo link.")],
        "bullets" => [new("items", "Bullets", string.Join('\n', block.Items ?? []), true, "One bullet per line.")],
        "headline" => [new("text", "Headline", block.Text, false)],
        "testimonial" => [new("text", "Quote", block.Text, true), new("author", "Author", block.Author, false, "Who said it; may stay empty.")],
        "countdown" =>
        [
            new("text", "Caption", block.Text, false),
            new("ends_at", "Ends at (UTC)", block.EndsAt is { } end ? DateTimeOffset.FromUnixTimeSeconds(end).ToString(EndFormat, CultureInfo.InvariantCulture) : null,
                false, "A date and time in UTC, as 2027-01-31 18:00."),
        ],
        _ => [new("text", "Text", block.Text, true)],
    };

    /// <summary>The block with <paramref name="field"/> set to <paramref name="value"/>, or why it cannot be.</summary>
    public static (ContentBlockData? Block, string? Error) With(ContentBlockData block, string field, string? value, DateTimeOffset now)
    {
        if (field == "ends_at")
        {
            var (end, error) = ParseEnd(value, now);
            return error is null ? (block with { EndsAt = end }, null) : (null, error);
        }
        return (field switch
        {
            "label" => block with { Label = value },
            "url" => block with { Url = value },
            "items" => block with { Items = [.. (value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] },
            "author" => block with { Author = string.IsNullOrWhiteSpace(value) ? null : value.Trim() },
            _ => block with { Text = value },
        }, null);
    }

    /// <summary>An end typed as <see cref="EndFormat"/> (or ISO's T, seconds, a date alone), read as UTC.</summary>
    private static (long? Unix, string? Error) ParseEnd(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, "A countdown needs the moment it ends.");
        if (!DateTimeOffset.TryParseExact(value.Trim(), EndFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var end))
            return (null, $"Write the end as a date and time in UTC, such as {now.AddDays(7).ToString(EndFormat, CultureInfo.InvariantCulture)}.");
        if (end <= now) return (null, "That moment has passed: a countdown ends in the future.");
        return end < LatestEnd ? (end.ToUnixTimeSeconds(), null) : (null, "Choose a moment before 2100-01-01.");
    }
}
