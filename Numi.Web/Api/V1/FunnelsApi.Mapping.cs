using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels;

namespace Numi.Web.Api.V1;

/// <summary>Between Core's funnel model and the wire's records (<see cref="Numi.Contracts.Funnels"/>).</summary>
internal static class FunnelWire
{
    public static FunnelSummary Summary(Funnel f) => new(f.PublicId, f.Name, f.Slug, ApiJson.Name(f.Status), f.Revision,
        f.HasUnpublishedChanges, VersionId(f.PublishedVersionId), f.Steps.Count, f.CreatedAt.ToUnixSeconds(), f.UpdatedAt.ToUnixSeconds());

    public static FunnelDetails Details(Funnel f, IReadOnlyList<FunnelRuleViolation> violations, IReadOnlyList<FunnelVersionSummary> versions) => new(
        f.PublicId, f.Name, f.Slug, ApiJson.Name(f.Status), f.Revision, f.HasUnpublishedChanges, VersionId(f.PublishedVersionId),
        [.. f.OrderedSteps.Select((s, i) => Step(s, i, violations.Where(v => v.StepKey == s.Key)))],
        [.. violations.Where(v => v.StepKey is null).Select(Violation)],
        [.. versions.Select(v => new FunnelVersionData(v.PublicId, v.Number, v.PublishedAt.ToUnixSeconds()))],
        f.CreatedAt.ToUnixSeconds(), f.UpdatedAt.ToUnixSeconds());

    private static FunnelStepData Step(FunnelStep s, int position, IEnumerable<FunnelRuleViolation> violations) => new(
        s.Key, ApiJson.Name(s.Type), s.Name, position, OfferId(s.OfferId), [.. s.OfferIds.Select(id => OfferId(id)!)],
        [.. s.Blocks.Select(Block)], s.ControlWeight,
        [.. s.Variants.Select(v => new StepVariantData(v.Key, v.Name, v.Weight, [.. v.OwnBlocks.Select(Block)], OfferId(v.OfferId)))],
        new StepTestData(ApiJson.Name(s.Test.Status), s.Test.WinnerKey), [.. violations.Select(Violation)]);

    private static FunnelViolationData Violation(FunnelRuleViolation v) => new(v.StepKey, v.Code, v.Message);

    private static ContentBlockData Block(ContentBlock b) =>
        new(ApiJson.Name(b.Type), b.Text, b.Url, b.Items, b.Author, b.EndsAt?.ToUnixSeconds(), b.Label);

    public static string? OfferId(Guid? id) => id is { } value ? PublicId.Format(IdPrefixes.Offer, value) : null;

    private static string? VersionId(Guid? id) => id is { } value ? PublicId.Format(IdPrefixes.FunnelVersion, value) : null;

    /// <summary>An enum value from its snake_case wire name (<c>product_selection</c>); null when it names none.</summary>
    public static T? Parse<T>(string? value) where T : struct, Enum =>
        value is null ? null : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(e => ApiJson.Name(e!.Value) == value);

    public static (List<ContentBlock>? Blocks, ProblemHttpResult? Problem) Blocks(IReadOnlyList<ContentBlockData?>? blocks)
    {
        var parsed = new List<ContentBlock>();
        for (var i = 0; i < (blocks?.Count ?? 0); i++)
        {
            if (blocks![i] is not { } block) return (null, Invalid($"blocks[{i}]", "A block cannot be null."));
            if (Parse<ContentBlockType>(block.Type) is not { } type)
                return (null, Invalid($"blocks[{i}].type", "type must be one of " + string.Join(", ", Enum.GetValues<ContentBlockType>().Select(t => ApiJson.Name(t))) + "."));
            var endsAt = block.EndsAt is { } unix ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unix, -62135596800, 253402300799)).UtcDateTime : (DateTime?)null;
            parsed.Add(new ContentBlock(type, block.Text, block.Url, block.Items, block.Author, endsAt, block.Label));
        }
        return (parsed, null);
    }

    /// <summary>An offer id from the wire; "" is none. A malformed id is a problem on <paramref name="param"/>.</summary>
    public static (Guid? Offer, ProblemHttpResult? Problem) Offer(string? value, string param)
    {
        if (string.IsNullOrEmpty(value)) return (null, null);
        return PublicId.TryParse(IdPrefixes.Offer, value, out var id) ? (id, null) : (null, Invalid(param, $"{param} must be an offer id (offer_…)."));
    }

    public static ProblemHttpResult Invalid(string param, string message) => ApiProblem.Result(400, ErrorCodes.ParameterInvalid, message, param);

    /// <summary>Every error under <c>errors</c>, even a single one, so a client lists the rules the same way each time.</summary>
    public static ProblemHttpResult Listed(IReadOnlyList<Error> errors)
    {
        var problem = ApiProblem.From(errors);
        problem.ProblemDetails.Extensions["errors"] = errors.Select(e => new { code = e.Code, message = e.Message, param = e.Param }).ToList();
        return problem;
    }
}
