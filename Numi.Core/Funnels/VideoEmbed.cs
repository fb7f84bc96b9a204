using System.Text.RegularExpressions;

namespace Numi.Core.Funnels;

/// <summary>Steps embed videos only from YouTube and Vimeo (the pages' content security policy names these two), and
/// always by their embed address, whatever form the merchant pasted.</summary>
public static partial class VideoEmbed
{
    [GeneratedRegex(@"^https://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/|youtube-nocookie\.com/embed/)(?<id>[A-Za-z0-9_-]{11})(?:[?&#].*)?$")]
    private static partial Regex YouTube();

    [GeneratedRegex(@"^https://(?:www\.)?(?:vimeo\.com/|player\.vimeo\.com/video/)(?<id>[0-9]{1,12})(?:[/?#].*)?$")]
    private static partial Regex Vimeo();

    /// <summary>The embed address of a YouTube or Vimeo video, or null when the address is neither.</summary>
    public static string? Normalize(string url)
    {
        var trimmed = url.Trim();
        if (YouTube().Match(trimmed) is { Success: true } youTube) return "https://www.youtube.com/embed/" + youTube.Groups["id"].Value;
        if (Vimeo().Match(trimmed) is { Success: true } vimeo) return "https://player.vimeo.com/video/" + vimeo.Groups["id"].Value;
        return null;
    }
}
