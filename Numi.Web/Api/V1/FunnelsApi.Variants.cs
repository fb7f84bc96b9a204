using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

public static partial class FunnelsApi
{
    private static void MapVariants(RouteGroupBuilder api)
    {
        api.MapPost("/funnels/{id}/steps/{key}/variants", AddVariantAsync).AcceptsJson<VariantRequest>().WithName("AddStepVariant")
            .WithSummary("Adds an A/B variant to a step (keys a, b, …); the step's test starts.");
        api.MapPost("/funnels/{id}/steps/{key}/variants/{variant}", UpdateVariantAsync).AcceptsJson<VariantRequest>().WithName("UpdateStepVariant");
        api.MapDelete("/funnels/{id}/steps/{key}/variants/{variant}", RemoveVariantAsync).WithName("RemoveStepVariant")
            .WithSummary("Removes a variant; ?revision= is required.");
        api.MapPost("/funnels/{id}/steps/{key}/stop_test", StopTestAsync).AcceptsJson<StopTestRequest>().WithName("StopStepTest")
            .WithSummary("Ends the step's test: the winner (a variant's key or control) becomes the step's content.");
    }

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> AddVariantAsync(string id, string key, HttpRequest request, NumiDbContext db,
        AddStepVariantHandler handler, CancellationToken ct) =>
        EditAsync<VariantRequest>(id, request, db, async (funnel, revision, body) =>
        {
            var (fields, errors) = VariantFieldsOf(body, null);
            return fields is null ? errors : (await handler.HandleAsync(new AddStepVariant(funnel.Id, revision, key, fields), ct)).Errors;
        }, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> UpdateVariantAsync(string id, string key, string variant, HttpRequest request,
        NumiDbContext db, UpdateStepVariantHandler handler, CancellationToken ct) =>
        EditAsync<VariantRequest>(id, request, db, async (funnel, revision, body) =>
        {
            if (funnel.FindStep(key) is not { } step) return [Funnel.NoSuchStep(key)];
            if (step.Variants.FirstOrDefault(v => v.Key == variant) is not { } existing)
                return [Error.NotFound($"The step '{step.Name}' has no variant '{variant}'.", "variant")];
            var (fields, errors) = VariantFieldsOf(body, existing);
            return fields is null ? errors : (await handler.HandleAsync(new UpdateStepVariant(funnel.Id, revision, key, variant, fields), ct)).Errors;
        }, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> RemoveVariantAsync(string id, string key, string variant, HttpRequest request,
        NumiDbContext db, RemoveStepVariantHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new RemoveStepVariant(funnel.Id, revision, key, variant), ct)).Errors, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> StopTestAsync(string id, string key, HttpRequest request, NumiDbContext db,
        StopStepTestHandler handler, CancellationToken ct) =>
        EditAsync<StopTestRequest>(id, request, db, async (funnel, revision, body) =>
            string.IsNullOrEmpty(body.Winner)
                ? [Error.Missing("winner", "Name the winner: a variant's key, or control for the step's own content.")]
                : (await handler.HandleAsync(new StopStepTest(funnel.Id, revision, key, body.Winner), ct)).Errors, ct);

    /// <summary>The request over the variant it changes (absent fields keep their value), or the errors of its ids and blocks.</summary>
    private static (VariantFields? Fields, IReadOnlyList<Error> Errors) VariantFieldsOf(VariantRequest body, StepVariant? existing)
    {
        var (offer, offerProblem) = FunnelWire.Offer(body.Offer, "offer");
        if (offerProblem is not null) return (null, [FunnelEdits.ProblemError(offerProblem)]);
        var (blocks, blockProblem) = FunnelWire.Blocks(body.Blocks);
        if (blockProblem is not null) return (null, [FunnelEdits.ProblemError(blockProblem)]);
        return (new VariantFields(body.Name ?? existing?.Name, body.Weight ?? existing?.Weight ?? StepVariant.MaxWeight / 2,
            body.Blocks is null ? existing?.OwnBlocks : blocks, body.Offer is null ? existing?.OfferId : offer), []);
    }
}
