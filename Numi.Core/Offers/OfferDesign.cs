namespace Numi.Core.Offers;

/// <summary>How an offer's checkout looks: brand colours, font, logo and the words around the order form.</summary>
public sealed record OfferDesign
{
    public static readonly string[] Fonts = ["system", "serif", "rounded", "mono"];

    public string BrandColor { get; init; } = "#1f2937";
    public string AccentColor { get; init; } = "#4f46e5";
    public string Font { get; init; } = "system";
    /// <summary>An https URL (or a path on this site) of the merchant's logo.</summary>
    public string? LogoUrl { get; init; }
    public string? Headline { get; init; }
    public string? Subheadline { get; init; }
    public IReadOnlyList<string> Bullets { get; init; } = [];
    public string? TestimonialQuote { get; init; }
    public string? TestimonialAuthor { get; init; }
    public string? GuaranteeText { get; init; }
    public string ButtonLabel { get; init; } = "Pay now";

    public static OfferDesign Default => new();
}

/// <summary>What checkout asks the shopper for, beyond email, name and card.</summary>
public sealed record OfferPaymentSettings
{
    public bool CollectPhone { get; init; }
    public bool CollectBillingAddress { get; init; }
    public bool CollectShippingAddress { get; init; }
    public IReadOnlyList<CustomField> CustomFields { get; init; } = [];

    public static OfferPaymentSettings Default => new();
}

public enum CustomFieldType { Text, Number, Checkbox, Date }

/// <summary>A question the merchant adds to checkout, e.g. "Company VAT number" or "Gift message".</summary>
public sealed record CustomField(string Key, string Label, CustomFieldType Type = CustomFieldType.Text, bool Required = false);
