namespace Numi.Core.Funnels;

public enum ContentBlockType { Headline, Text, Image, Video, Bullets, Testimonial, Countdown, CallToAction }

/// <summary>One piece of a step's page. Which fields matter depends on <see cref="Type"/>: <see cref="Text"/> is the
/// headline, paragraph, image's alternative text, quote or countdown caption; <see cref="Url"/> the image or the
/// video's embed address; <see cref="Items"/> the bullet points; <see cref="Label"/> the call to action's button.</summary>
public sealed record ContentBlock(
    ContentBlockType Type,
    string? Text = null,
    string? Url = null,
    IReadOnlyList<string>? Items = null,
    string? Author = null,
    DateTime? EndsAt = null,
    string? Label = null)
{
    public const int MaxPerStep = 30;

    /// <summary>Trimmed, empty text as null, and a video address in its embed form, as the block is stored.</summary>
    public ContentBlock Normalized() => this with
    {
        Text = Clean(Text),
        Url = Type == ContentBlockType.Video && Url is not null ? VideoEmbed.Normalize(Url) ?? Url : Clean(Url),
        Items = Items is null ? [] : [.. Items.Select(i => i.Trim())],
        Author = Clean(Author),
        Label = Clean(Label),
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
