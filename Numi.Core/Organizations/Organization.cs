using Numi.Core.Common;

namespace Numi.Core.Organizations;

/// <summary>A merchant: the tenant every merchant-owned row belongs to.</summary>
public sealed class Organization
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string DefaultCurrency { get; private set; } = "usd";
    public string TimeZone { get; private set; } = "UTC";
    /// <summary>Signing secret for Stripe webhooks sent to this organization (whsec_…).</summary>
    public string? WebhookSigningSecret { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Organization() { }

    public static Organization Create(string name, string slug, string defaultCurrency, string timeZone, DateTime now) => new()
    {
        Name = name.Trim(),
        Slug = Organizations.Slug.Normalize(slug),
        DefaultCurrency = defaultCurrency,
        TimeZone = timeZone,
        CreatedAt = now,
    };

    public string PublicId => Common.PublicId.Format(IdPrefixes.Organization, Id);

    public void Rename(string name) => Name = name.Trim();
    public void ChangeDefaultCurrency(string currency) => DefaultCurrency = currency;
    public void ChangeTimeZone(string timeZone) => TimeZone = timeZone;
    public void SetWebhookSigningSecret(string secret) => WebhookSigningSecret = secret;
}
