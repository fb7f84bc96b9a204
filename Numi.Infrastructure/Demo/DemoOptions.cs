namespace Numi.Infrastructure.Demo;

/// <summary><c>Numi:Demo:*</c>. Secrets left empty are generated on first start and printed once.</summary>
public sealed class DemoOptions
{
    public const string Slug = "demo";
    public const string OwnerEmail = "demo@numi.local";
    /// <summary>The discount code the demo checkout accepts (10% off the coffee).</summary>
    public const string DiscountCode = "WELCOME10";

    /// <summary>Null means "outside Production".</summary>
    public bool? Enabled { get; set; }
    public string? Password { get; set; }
    public string? ApiKey { get; set; }
    public string? WebhookSecret { get; set; }
}
