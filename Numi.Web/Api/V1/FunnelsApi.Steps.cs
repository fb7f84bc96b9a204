using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Funnels;
using Numi.Core.Funnels;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

public static partial class FunnelsApi
{
    private static void MapSteps(RouteGroupBuilder api)
    {
        api.MapPost("/funnels/{id}/steps", AddStepAsync).AcceptsJson<AddStepRequest>().WithName("AddFunnelStep")
            .WithSummary("Adds a step of a type at a position (absent appends), named after its type unless named.");
        api.MapPost("/funnels/{id}/steps/{key}", UpdateStepAsync).AcceptsJson<UpdateStepRequest>().WithName("UpdateFunnelStep");
        api.MapPost("/funnels/{id}/steps/{key}/move", MoveStepAsync).AcceptsJson<MoveStepRequest>().WithName("MoveFunnelStep")
            .WithSummary("Moves a step to a position (a drop) or one place up or down (direction).");
        api.MapPost("/funnels/{id}/steps/{key}/duplicate", DuplicateStepAsync).AcceptsJson<RevisionRequest>().WithName("DuplicateFunnelStep");
        api.MapDelete("/funnels/{id}/steps/{key}", RemoveStepAsync).WithName("RemoveFunnelStep").WithSummary("Removes a step; ?revision= is required.");
    }

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> AddStepAsync(string id, HttpRequest request, NumiDbContext db,
        AddFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<AddStepRequest>(id, request, db, (funnel, revision, body) => FunnelEdits.AddStepAsync(handler, funnel, revision, body, ct), ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> UpdateStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        UpdateFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<UpdateStepRequest>(id, request, db, (funnel, revision, body) => FunnelEdits.UpdateStepAsync(handler, funnel, revision, key, body, ct), ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> MoveStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        MoveFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<MoveStepRequest>(id, request, db, (funnel, revision, body) => FunnelEdits.MoveStepAsync(handler, funnel, revision, key, body, ct), ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> DuplicateStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        DuplicateFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new DuplicateFunnelStep(funnel.Id, revision, key), ct)).Errors, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> RemoveStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        RemoveFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new RemoveFunnelStep(funnel.Id, revision, key), ct)).Errors, ct);
}
