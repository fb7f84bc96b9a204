namespace Numi.Web.Features.Checkout;

/// <summary>Link-preview fetchers and crawlers, known by their User-Agent: they open a shared checkout link (a chat
/// unfurling it, a search engine indexing it, a mail scanner checking it) and may even post its form, but never shop.
/// They get the offer's page and never a checkout session. A bot that hides behind a browser's User-Agent is held off by
/// the per-address limits instead (<see cref="CheckoutLimits"/>).</summary>
public static class LinkPreviewAgents
{
    /// <summary>Case-insensitive parts of the User-Agents of well-known previewers and crawlers. Not the in-app browsers of
    /// chat apps (their users are shoppers), and not generic HTTP clients.</summary>
    private static readonly string[] Known =
    [
        "Slackbot", "Slack-ImgProxy", "facebookexternalhit", "Facebot", "meta-externalagent", "Twitterbot", "LinkedInBot",
        "WhatsApp/", "Discordbot", "TelegramBot", "Googlebot", "Google-InspectionTool", "AdsBot-Google", "Mediapartners-Google",
        "bingbot", "BingPreview", "DuckDuckBot", "Baiduspider", "YandexBot", "Applebot", "redditbot", "Pinterestbot",
        "SkypeUriPreview", "Iframely", "embedly", "vkShare", "Mastodon/", "Cardyb", "kakaotalk-scrap", "AhrefsBot", "SemrushBot",
        "MJ12bot", "PetalBot", "GPTBot", "ClaudeBot", "PerplexityBot", "CCBot", "Bytespider",
    ];

    public static bool Is(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return false;
        foreach (var part in Known)
            if (userAgent.Contains(part, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public static bool Is(HttpContext http) => Is(http.Request.Headers.UserAgent.ToString());
}
