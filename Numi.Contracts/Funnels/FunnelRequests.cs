namespace Numi.Contracts.Funnels;

/// <summary>Every request that changes a funnel carries the revision the editor last saw; a stale one is a 409.</summary>
public interface IRevisedRequest
{
    int? Revision { get; }
}

/// <summary>Create (no revision) or rename a funnel. Without a slug, one is made from the name.</summary>
public sealed class FunnelRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public string? Name { get; set; }
    public string? Slug { get; set; }
}

/// <summary>Publish, undo, duplicate a step, archive, restore: only the revision.</summary>
public sealed class RevisionRequest : IRevisedRequest
{
    public int? Revision { get; set; }
}

/// <summary>A new step of <see cref="Type"/> at <see cref="Position"/> (0 first; absent appends).</summary>
public sealed class AddStepRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public string? Type { get; set; }
    public string? Name { get; set; }
    public int? Position { get; set; }
}

/// <summary>Changes a step; absent fields keep their value, <c>offer: ""</c> unbinds the offer.</summary>
public sealed class UpdateStepRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public string? Name { get; set; }
    public string? Offer { get; set; }
    public List<string>? Offers { get; set; }
    public List<ContentBlockData>? Blocks { get; set; }
    public int? ControlWeight { get; set; }
}

/// <summary>Moves a step to <see cref="Position"/> (a drop), or one place <see cref="Direction"/> up or down (the
/// keyboard); one of the two.</summary>
public sealed class MoveStepRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public int? Position { get; set; }
    public string? Direction { get; set; }
}

/// <summary>Adds or changes a variant; on change, absent fields keep their value.</summary>
public sealed class VariantRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public string? Name { get; set; }
    public int? Weight { get; set; }
    public List<ContentBlockData>? Blocks { get; set; }
    public string? Offer { get; set; }
}

/// <summary>A step's whole traffic split: every arm's share in percent, <c>control</c> for the step's own content and each
/// variant by its key, adding up to 100.</summary>
public sealed class StepWeightsRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public Dictionary<string, int>? Weights { get; set; }
}

/// <summary>Ends a step's test with <see cref="Winner"/>: a variant's key or "control".</summary>
public sealed class StopTestRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public string? Winner { get; set; }
}

/// <summary>Publishes version <see cref="Version"/>'s steps again as a new version.</summary>
public sealed class RollbackRequest : IRevisedRequest
{
    public int? Revision { get; set; }
    public int? Version { get; set; }
}
