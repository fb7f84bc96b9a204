using System.Security.Cryptography;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>What the rules and snapshots need of a step, whether it is a draft row or a published copy.</summary>
public interface IFunnelStepShape
{
    string Key { get; }
    FunnelStepType Type { get; }
    string Name { get; }
    Guid? OfferId { get; }
    IReadOnlyList<Guid> OfferIds { get; }
    IReadOnlyList<ContentBlock> Blocks { get; }
    int ControlWeight { get; }
    IReadOnlyList<StepVariant> Variants { get; }
}

/// <summary>One page of a funnel's draft. Its <see cref="Key"/> never changes, so URLs, events and test assignments
/// keep pointing at the same step through renames, moves and versions.</summary>
public sealed class FunnelStep : IOrganizationOwned, IFunnelStepShape
{
    public const int KeyLength = 13;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    public string Key { get; private set; } = "";
    public FunnelStepType Type { get; private set; }
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    /// <summary>The offer a checkout, upsell or downsell step sells.</summary>
    public Guid? OfferId { get; private set; }
    /// <summary>The offers a product selection step lets the shopper choose from, in the order shown.</summary>
    public List<Guid> OfferIds { get; private set; } = [];
    public List<ContentBlock> Blocks { get; private set; } = [];
    public List<StepVariant> Variants { get; private set; } = [];
    /// <summary>The share of visitors who see the step's own content while variants run, against each variant's weight.</summary>
    public int ControlWeight { get; private set; } = StepVariant.MaxWeight;
    public StepTestState Test { get; private set; } = StepTestState.None;

    private FunnelStep() { }

    IReadOnlyList<Guid> IFunnelStepShape.OfferIds => OfferIds;
    IReadOnlyList<ContentBlock> IFunnelStepShape.Blocks => Blocks;
    IReadOnlyList<StepVariant> IFunnelStepShape.Variants => Variants;

    internal static FunnelStep Create(Funnel funnel, string key, FunnelStepType type, string name) => new()
    {
        FunnelId = funnel.Id,
        OrganizationId = funnel.OrganizationId,
        Key = key,
        Type = type,
        Name = name.Trim(),
    };

    /// <summary>"step_" and eight random hex digits, unlike every key in <paramref name="taken"/>.</summary>
    public static string NewKey(IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var key = "step_" + RandomNumberGenerator.GetHexString(8, lowercase: true);
            if (!used.Contains(key)) return key;
        }
    }

    internal void MoveTo(int sortOrder) => SortOrder = sortOrder;

    internal void Set(StepFields fields)
    {
        Name = fields.Name!.Trim();
        OfferId = Type.SellsOneOffer() ? fields.OfferId : null;
        OfferIds = Type == FunnelStepType.ProductSelection ? [.. (fields.OfferIds ?? []).Distinct()] : [];
        Blocks = [.. (fields.Blocks ?? []).Select(b => b.Normalized())];
        ControlWeight = fields.ControlWeight;
    }

    /// <summary>Takes every draft field from <paramref name="shape"/> (an undo, a rollback or a duplicate); the key and
    /// type are the caller's to decide.</summary>
    internal void CopyFrom(IFunnelStepShape shape, int sortOrder)
    {
        Type = shape.Type;
        Name = shape.Name;
        SortOrder = sortOrder;
        OfferId = shape.OfferId;
        OfferIds = [.. shape.OfferIds];
        Blocks = [.. shape.Blocks];
        Variants = [.. shape.Variants];
        ControlWeight = shape.ControlWeight;
        Test = Variants.Count > 0 ? StepTestState.Running : StepTestState.None;
    }

    internal Result<StepVariant> AddVariant(VariantFields fields)
    {
        if (Variants.Count >= StepVariant.MaxPerStep)
            return Error.Conflict($"A step tests at most {StepVariant.MaxPerStep} variants besides its own content.", "variants");
        var key = Enumerable.Range(0, 26).Select(i => ((char)('a' + i)).ToString()).First(k => Variants.All(v => v.Key != k));
        var variant = ToVariant(key, fields);
        Variants.Add(variant);
        Test = StepTestState.Running;
        return variant;
    }

    internal Result<StepVariant> UpdateVariant(string key, VariantFields fields)
    {
        var index = Variants.FindIndex(v => v.Key == key);
        if (index < 0) return NoSuchVariant(key);
        Variants[index] = ToVariant(key, fields);
        return Variants[index];
    }

    /// <summary>Sets the control's weight and every variant's at once, or changes nothing and says each rule broken
    /// (<see cref="StepWeights.Check"/>).</summary>
    internal Result<FunnelStep> SetWeights(IReadOnlyDictionary<string, int> weights)
    {
        if (StepWeights.Check(this, weights) is { Count: > 0 } errors) return Result<FunnelStep>.Failure(errors);
        ControlWeight = weights[StepVariant.ControlKey];
        Variants = [.. Variants.Select(v => v with { Weight = weights[v.Key] })];
        return this;
    }

    internal Result<FunnelStep> RemoveVariant(string key)
    {
        if (Variants.RemoveAll(v => v.Key == key) == 0) return NoSuchVariant(key);
        if (Variants.Count == 0) Test = StepTestState.None;
        return this;
    }

    /// <summary>Ends the test: the winner's content (and offer, when it overrides one) becomes the step's own and every
    /// variant goes, so the step shows the winner to everyone.</summary>
    internal Result<FunnelStep> StopTest(string winnerKey)
    {
        if (Variants.Count == 0) return Error.Conflict($"The step '{Name}' is not testing any variant.", "variants");
        if (winnerKey != StepVariant.ControlKey)
        {
            var winner = Variants.FirstOrDefault(v => v.Key == winnerKey);
            if (winner is null) return NoSuchVariant(winnerKey);
            if (winner.OwnBlocks.Count > 0) Blocks = [.. winner.OwnBlocks];
            if (winner.OfferId is { } offer && Type.SellsOneOffer()) OfferId = offer;
        }
        Variants = [];
        ControlWeight = StepVariant.MaxWeight;
        Test = new StepTestState(StepTestStatus.Stopped, winnerKey);
        return this;
    }

    private StepVariant ToVariant(string key, VariantFields fields) => new(key, fields.Name!.Trim(), fields.Weight,
        [.. (fields.Blocks ?? []).Select(b => b.Normalized())], Type.SellsOneOffer() ? fields.OfferId : null);

    private Error NoSuchVariant(string key) => Error.NotFound($"The step '{Name}' has no variant '{key}'.", "variant");
}
