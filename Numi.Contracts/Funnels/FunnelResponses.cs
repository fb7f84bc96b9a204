namespace Numi.Contracts.Funnels;

/// <summary>A funnel in a list. <see cref="Status"/> is draft, published or archived.</summary>
public sealed record FunnelSummary(string Id, string Name, string Slug, string Status, int Revision, bool HasUnpublishedChanges,
    string? PublishedVersion, int StepCount, long Created, long Updated)
{
    public string Object => "funnel";
}

/// <summary>A funnel with its draft steps, what stops it from being published (<see cref="Violations"/> for the whole
/// funnel, each step's own on the step), and its published versions, newest first. Editors send
/// <see cref="Revision"/> back with every change.</summary>
public sealed record FunnelDetails(string Id, string Name, string Slug, string Status, int Revision, bool HasUnpublishedChanges,
    string? PublishedVersion, IReadOnlyList<FunnelStepData> Steps, IReadOnlyList<FunnelViolationData> Violations,
    IReadOnlyList<FunnelVersionData> Versions, long Created, long Updated)
{
    public string Object => "funnel";

    /// <summary>True when nothing stops publishing.</summary>
    public bool Publishable => Violations.Count == 0 && Steps.All(s => s.Violations.Count == 0);
}

/// <summary>A draft step. <see cref="Type"/> is landing, product_selection, checkout, upsell, downsell or thank_you;
/// <see cref="Offer"/> is the offer a checkout, upsell or downsell sells, <see cref="Offers"/> a product selection's.</summary>
public sealed record FunnelStepData(string Key, string Type, string Name, int Position, string? Offer, IReadOnlyList<string> Offers,
    IReadOnlyList<ContentBlockData> Blocks, int ControlWeight, IReadOnlyList<StepVariantData> Variants, StepTestData Test,
    IReadOnlyList<FunnelViolationData> Violations);

/// <summary>One block of a step's page. <see cref="Type"/> is headline, text, image, video, bullets, testimonial,
/// countdown or call_to_action; <see cref="EndsAt"/> is a Unix time.</summary>
public sealed record ContentBlockData(string Type, string? Text = null, string? Url = null, IReadOnlyList<string>? Items = null,
    string? Author = null, long? EndsAt = null, string? Label = null);

/// <summary>An A/B variant of a step; empty <see cref="Blocks"/> shows the step's own content.</summary>
public sealed record StepVariantData(string Key, string Name, int Weight, IReadOnlyList<ContentBlockData> Blocks, string? Offer);

/// <summary><see cref="Status"/> is running or stopped; <see cref="Winner"/> the key that won when the test stopped
/// ("control" for the step's own content).</summary>
public sealed record StepTestData(string Status, string? Winner);

/// <summary>A publishing rule the funnel breaks: <see cref="Step"/> is the step's key, null for the whole funnel.</summary>
public sealed record FunnelViolationData(string? Step, string Code, string Message);

public sealed record FunnelVersionData(string Id, int Number, long PublishedAt)
{
    public string Object => "funnel_version";
}
