using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Funnels;
using Numi.Core.Common;
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
        EditAsync<AddStepRequest>(id, request, db, async (funnel, revision, body) =>
        {
            if (FunnelWire.Parse<FunnelStepType>(body.Type) is not { } type)
                return [Error.Invalid("type", "type must be one of " + string.Join(", ", Enum.GetValues<FunnelStepType>().Select(t => ApiJson.Name(t))) + ".")];
            return (await handler.HandleAsync(new AddFunnelStep(funnel.Id, revision, type, body.Name, body.Position), ct)).Errors;
        }, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> UpdateStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        UpdateFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<UpdateStepRequest>(id, request, db, async (funnel, revision, body) =>
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
        }, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> MoveStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        MoveFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<MoveStepRequest>(id, request, db, async (funnel, revision, body) =>
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
        }, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> DuplicateStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        DuplicateFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new DuplicateFunnelStep(funnel.Id, revision, key), ct)).Errors, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> RemoveStepAsync(string id, string key, HttpRequest request, NumiDbContext db,
        RemoveFunnelStepHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new RemoveFunnelStep(funnel.Id, revision, key), ct)).Errors, ct);

    /// <summary>A wire problem (a malformed id or block type) as the use case's kind of error, so one path answers both.</summary>
    private static Error ProblemError(ProblemHttpResult problem) => Error.Invalid(
        problem.ProblemDetails.Extensions.TryGetValue("param", out var param) ? param?.ToString() ?? "" : "",
        problem.ProblemDetails.Detail ?? "");
}
