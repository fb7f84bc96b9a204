using Numi.Core.Offers;

namespace Numi.Web.Features.Offers;

public sealed class DesignInput
{
    public string? BrandColor { get; set; } = OfferDesign.Default.BrandColor;
    public string? AccentColor { get; set; } = OfferDesign.Default.AccentColor;
    public string Font { get; set; } = "system";
    public string? LogoUrl { get; set; }
    public string? Headline { get; set; }
    public string? Subheadline { get; set; }
    /// <summary>One bullet point per line.</summary>
    public string? Bullets { get; set; }
    public string? TestimonialQuote { get; set; }
    public string? TestimonialAuthor { get; set; }
    public string? GuaranteeText { get; set; }
    public string? ButtonLabel { get; set; } = OfferDesign.Default.ButtonLabel;

    public OfferDesign ToDesign() => new()
    {
        BrandColor = BrandColor?.Trim() ?? "",
        AccentColor = AccentColor?.Trim() ?? "",
        Font = Font,
        LogoUrl = Clean(LogoUrl),
        Headline = Clean(Headline),
        Subheadline = Clean(Subheadline),
        Bullets = [.. (Bullets ?? "").Split('\n').Select(b => b.Trim()).Where(b => b.Length > 0)],
        TestimonialQuote = Clean(TestimonialQuote),
        TestimonialAuthor = Clean(TestimonialAuthor),
        GuaranteeText = Clean(GuaranteeText),
        ButtonLabel = ButtonLabel?.Trim() ?? "",
    };

    public static DesignInput From(OfferDesign d) => new()
    {
        BrandColor = d.BrandColor, AccentColor = d.AccentColor, Font = d.Font, LogoUrl = d.LogoUrl, Headline = d.Headline,
        Subheadline = d.Subheadline, Bullets = string.Join('\n', d.Bullets), TestimonialQuote = d.TestimonialQuote,
        TestimonialAuthor = d.TestimonialAuthor, GuaranteeText = d.GuaranteeText, ButtonLabel = d.ButtonLabel,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
