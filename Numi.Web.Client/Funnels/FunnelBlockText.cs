using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Funnels;

/// <summary>The one field a block's row edits: the words a shopper reads (a call to action's button label, a bullet
/// list one item per line) or, for an image or a video, its address.</summary>
public static class FunnelBlockText
{
    public sealed record Field(string Label, string? Value, bool Multiline, string? Help = null);

    public static Field For(ContentBlockData block) => block.Type switch
    {
        "call_to_action" => new("Button label", block.Label, false),
        "image" => new("Image address", block.Url, false, "An https:// address or a path on this site."),
        "video" => new("Video address", block.Url, false, "A YouTube or Vimeo link."),
        "bullets" => new("Bullets", string.Join('\n', block.Items ?? []), true, "One bullet per line."),
        "headline" => new("Headline", block.Text, false),
        _ => new("Text", block.Text, true),
    };

    public static ContentBlockData With(ContentBlockData block, string? value) => block.Type switch
    {
        "call_to_action" => block with { Label = value },
        "image" or "video" => block with { Url = value },
        "bullets" => block with { Items = [.. (value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] },
        _ => block with { Text = value },
    };
}
