using System.Text.Json;
using System.Text.Json.Serialization;

namespace Numi.Core.Funnels;

/// <summary>A step as it was frozen into a version or kept for undo.</summary>
public sealed record SnapshotStep(
    string Key,
    FunnelStepType Type,
    string Name,
    Guid? OfferId,
    IReadOnlyList<Guid> OfferIds,
    IReadOnlyList<ContentBlock> Blocks,
    int ControlWeight,
    IReadOnlyList<StepVariant> Variants) : IFunnelStepShape;

/// <summary>A funnel's steps in order, stored as JSON text: versions never change once published, so their steps
/// are one value read whole, not rows to join.</summary>
public sealed record FunnelSnapshot(IReadOnlyList<SnapshotStep> Steps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static FunnelSnapshot Of(IEnumerable<IFunnelStepShape> steps) => new([.. steps.Select(s => new SnapshotStep(
        s.Key, s.Type, s.Name, s.OfferId, [.. s.OfferIds], [.. s.Blocks], s.ControlWeight, [.. s.Variants]))]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FunnelSnapshot FromJson(string json) => JsonSerializer.Deserialize<FunnelSnapshot>(json, Json)
        ?? throw new InvalidOperationException("A stored funnel snapshot is empty.");

    /// <summary>Every offer the steps and their variants point at.</summary>
    public static IReadOnlyCollection<Guid> OfferIdsOf(IEnumerable<IFunnelStepShape> steps) => steps
        .SelectMany(s => s.OfferIds.Select(id => (Guid?)id).Concat(s.Variants.Select(v => v.OfferId)).Append(s.OfferId))
        .OfType<Guid>().ToHashSet();
}
