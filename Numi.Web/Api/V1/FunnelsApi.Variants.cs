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
        api.MapPost("/funnels/{id}/steps/{key}/weights", SetWeightsAsync).AcceptsJson<StepWeightsRequest>().WithName("SetStepWeights")
            .WithSummary("Sets the step's whole traffic split at once (control and every variant, in percent, adding up to 100): one change for Undo.");
        api.MapPost("/funnels/{id}/steps/{key}/stop_test", StopTestAsync).AcceptsJson<StopTestRequest>().WithName("StopStepTest")
            .WithSummary("Ends the step's test: the winner (a variant's key or control) becomes the step's content.");
    }

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> AddVariantAsync(string id, string key, HttpRequest request, NumiDbContext db,
        AddStepVariantHandler handler, CancellationToken ct) =>
        EditAsync<VariantRequest>(id, request, db, (funnel, revision, body) => FunnelEdits.AddVariantAsync(handler, funnel, revision, key, body, ct), ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> UpdateVariantAsync(string id, string key, string variant, HttpRequest request,
        NumiDbContext db, UpdateStepVariantHandler handler, CancellationToken ct) =>
        EditAsync<VariantRequest>(id, request, db, (funnel, revision, body) =>
            FunnelEdits.UpdateVariantAsync(handler, funnel, revision, key, variant, body, ct), ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> RemoveVariantAsync(string id, string key, string variant, HttpRequest request,
        NumiDbContext db, RemoveStepVariantHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new RemoveStepVariant(funnel.Id, revision, key, variant), ct)).Errors, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> SetWeightsAsync(string id, string key, HttpRequest request, NumiDbContext db,
        SetStepWeightsHandler handler, CancellationToken ct) =>
        EditAsync<StepWeightsRequest>(id, request, db, (funnel, revision, body) => FunnelEdits.SetWeightsAsync(handler, funnel, revision, key, body, ct), ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> StopTestAsync(string id, string key, HttpRequest request, NumiDbContext db,
        StopStepTestHandler handler, CancellationToken ct) =>
        EditAsync<StopTestRequest>(id, request, db, async (funnel, revision, body) =>
            string.IsNullOrEmpty(body.Winner)
                ? [Error.Missing("winner", "Name the winner: a variant's key, or control for the step's own content.")]
                : (await handler.HandleAsync(new StopStepTest(funnel.Id, revision, key, body.Winner), ct)).Errors, ct);
}
