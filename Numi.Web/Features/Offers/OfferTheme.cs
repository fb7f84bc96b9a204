using Numi.Core.Offers;

namespace Numi.Web.Features.Offers;

/// <summary>An offer's brand as CSS custom properties, served as a stylesheet because the Content-Security-Policy
/// allows no inline styles. Checkout pages and the editor's live preview read the same variables.</summary>
public static class OfferTheme
{
    private static readonly Dictionary<string, string> FontStacks = new(StringComparer.Ordinal)
    {
        ["system"] = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        ["serif"] = "Georgia, \"Times New Roman\", serif",
        ["rounded"] = "ui-rounded, \"SF Pro Rounded\", \"Nunito\", system-ui, sans-serif",
        ["mono"] = "ui-monospace, \"SFMono-Regular\", Menlo, monospace",
    };

    public static string Css(string? brand, string? accent, string? font, string selector)
    {
        var defaults = OfferDesign.Default;
        brand = OfferDesignValidator.IsColor(brand) ? brand : defaults.BrandColor;
        accent = OfferDesignValidator.IsColor(accent) ? accent : defaults.AccentColor;
        var stack = FontStacks.GetValueOrDefault(font ?? "", FontStacks["system"]);
        return $"{selector} {{ --offer-brand: {brand}; --offer-accent: {accent}; --offer-font: {stack}; }}\n";
    }

    public static string PreviewUrl(OfferDesign design) =>
        $"offers/theme.css?brand={Uri.EscapeDataString(design.BrandColor)}&accent={Uri.EscapeDataString(design.AccentColor)}&font={Uri.EscapeDataString(design.Font)}";

    public static void MapOfferTheme(this IEndpointRouteBuilder app) =>
        app.MapGet("/offers/theme.css", (string? brand, string? accent, string? font, HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(Css(brand, accent, font, ".numi-offer-preview, .co"), "text/css");
        }).AllowAnonymous().ExcludeFromDescription();
}
