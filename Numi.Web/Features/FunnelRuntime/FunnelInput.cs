namespace Numi.Web.Features.FunnelRuntime;

/// <summary>What a funnel step's form posts: the step it was shown on (a post from an older tab goes to the current
/// step instead), the button pressed, and on a product selection the chosen offer.</summary>
public sealed class FunnelInput
{
    public string? Step { get; set; }
    public string? Action { get; set; }
    public Guid? Offer { get; set; }
}
