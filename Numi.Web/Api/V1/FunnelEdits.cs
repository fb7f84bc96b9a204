using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels;

namespace Numi.Web.Api.V1;

/// <summary>The step changes whose wire fields need reading before Core's handler runs, shared by the API and the funnel
/// canvas's server data so both refuse the same input with the same errors.</summary>
internal static class FunnelEdits
{
    public static async Task<IReadOnlyList<Error>> AddStepAsync(AddFunnelStepHandler handler, Funnel funnel, int revision, AddStepRequest body, CancellationToken ct)
    {
        if (FunnelWire.Parse<FunnelStepType>(body.Type) is not { } type)
            return [Error.Invalid("type", "type must be one of " + string.Join(", ", Enum.GetValues<FunnelStepType>().Select(t => ApiJson.Name(t))) + ".")];
        return (await handler.HandleAsync(new AddFunnelStep(funnel.Id, revision, type, body.Name, body.Position), ct)).Errors;
    }

    public static async Task<IReadOnlyList<Error>> UpdateStepAsync(UpdateFunnelStepHandler handler, Funnel funnel, int revision, string key,
        UpdateStepRequest body, CancellationToken ct)
    {
        if (funnel.FindStep(key) is not { } step) return [Funnel.NoSuchStep(key)];
        var (offer, offerProblem) = FunnelWire.Offer(body.Offer, "offer");
        if (offerProblem is not null) return [ProblemError(offerProblem)];
        var offers = new List<Guid>();
        for (var i = 0; i < (body.Offers?.Count ?? 0); i++)
        {
            var (parsed, problem) = FunnelWire.Offer(body.Offers![i], $"offers[{i}]");
            if (problem is not null || parsed is null) return [Error.Invalid($"offers[{i}]", $"offers[{i}] must be an offer id (offer_…).")];
            offers.Add(parsed.Value);
        }
        var (blocks, blockProblem) = FunnelWire.Blocks(body.Blocks);
        if (blockProblem is not null) return [ProblemError(blockProblem)];
        var fields = new StepFields(body.Name ?? step.Name, body.Offer is null ? step.OfferId : offer,
            body.Offers is null ? step.OfferIds : offers, body.Blocks is null ? step.Blocks : blocks, body.ControlWeight ?? step.ControlWeight);
        return (await handler.HandleAsync(new UpdateFunnelStep(funnel.Id, revision, key, fields), ct)).Errors;
    }

    public static async Task<IReadOnlyList<Error>> MoveStepAsync(MoveFunnelStepHandler handler, Funnel funnel, int revision, string key,
        MoveStepRequest body, CancellationToken ct)
    {
        var current = funnel.OrderedSteps.ToList().FindIndex(s => s.Key == key);
        if (current < 0) return [Funnel.NoSuchStep(key)];
        int? index = (body.Position, body.Direction) switch
        {
            ({ } position, null) => position,
            (null, "up") => current - 1,
            (null, "down") => current + 1,
            _ => null,
        };
        if (index is null) return [Error.Invalid("position", "Send either position (0 is first) or direction (up or down).")];
        return (await handler.HandleAsync(new MoveFunnelStep(funnel.Id, revision, key, index.Value), ct)).Errors;
    }

    public static async Task<IReadOnlyList<Error>> AddVariantAsync(AddStepVariantHandler handler, Funnel funnel, int revision, string key,
        VariantRequest body, CancellationToken ct)
    {
        var (fields, errors) = VariantFieldsOf(body, null);
        return fields is null ? errors : (await handler.HandleAsync(new AddStepVariant(funnel.Id, revision, key, fields), ct)).Errors;
    }

    public static async Task<IReadOnlyList<Error>> UpdateVariantAsync(UpdateStepVariantHandler handler, Funnel funnel, int revision, string key,
        string variant, VariantRequest body, CancellationToken ct)
    {
        if (funnel.FindStep(key) is not { } step) return [Funnel.NoSuchStep(key)];
        if (step.Variants.FirstOrDefault(v => v.Key == variant) is not { } existing)
            return [Error.NotFound($"The step '{step.Name}' has no variant '{variant}'.", "variant")];
        var (fields, errors) = VariantFieldsOf(body, existing);
        return fields is null ? errors : (await handler.HandleAsync(new UpdateStepVariant(funnel.Id, revision, key, variant, fields), ct)).Errors;
    }

    public static async Task<IReadOnlyList<Error>> SetWeightsAsync(SetStepWeightsHandler handler, Funnel funnel, int revision, string key,
        StepWeightsRequest body, CancellationToken ct) =>
        body.Weights is not { Count: > 0 } weights
            ? [Error.Missing("weights", "Send weights: every arm's share in percent, e.g. {\"control\": 50, \"a\": 50}.")]
            : (await handler.HandleAsync(new SetStepWeights(funnel.Id, revision, key, weights), ct)).Errors;

    /// <summary>The request over the variant it changes (absent fields keep their value), or the errors of its ids and blocks.</summary>
    private static (VariantFields? Fields, IReadOnlyList<Error> Errors) VariantFieldsOf(VariantRequest body, StepVariant? existing)
    {
        var (offer, offerProblem) = FunnelWire.Offer(body.Offer, "offer");
        if (offerProblem is not null) return (null, [ProblemError(offerProblem)]);
        var (blocks, blockProblem) = FunnelWire.Blocks(body.Blocks);
        if (blockProblem is not null) return (null, [ProblemError(blockProblem)]);
        return (new VariantFields(body.Name ?? existing?.Name, body.Weight ?? existing?.Weight ?? StepVariant.MaxWeight / 2,
            body.Blocks is null ? existing?.OwnBlocks : blocks, body.Offer is null ? existing?.OfferId : offer), []);
    }

    /// <summary>A wire problem (a malformed id or block type) as the use case's kind of error, so one path answers both.</summary>
    public static Error ProblemError(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem) => Error.Invalid(
        problem.ProblemDetails.Extensions.TryGetValue("param", out var param) ? param?.ToString() ?? "" : "",
        problem.ProblemDetails.Detail ?? "");
}
