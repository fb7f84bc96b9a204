namespace Numi.Web.Features.Portal;

/// <summary>The portal's card form as posted: the simulated processor's fields (read once into memory, never rendered
/// back, stored or logged) or, with Stripe, the <c>pm_…</c> Stripe.js made from Stripe's card field.</summary>
public sealed class PortalCardInput
{
    public string? CardNumber { get; set; }
    /// <summary>"MM/YY" or "MM/YYYY".</summary>
    public string? Expiry { get; set; }
    public string? Cvc { get; set; }
    public string? PaymentMethod { get; set; }
    public string? Action { get; set; }
}
