using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

public static partial class FunnelsApi
{
    private static void MapPublishing(RouteGroupBuilder api)
    {
        api.MapPost("/funnels/{id}/undo", UndoAsync).AcceptsJson<RevisionRequest>().WithName("UndoFunnelChange")
            .WithSummary("Brings back the draft steps as they were before the latest change.");
        api.MapPost("/funnels/{id}/publish", PublishAsync).AcceptsJson<RevisionRequest>().WithName("PublishFunnel")
            .WithSummary("Publishes the draft as the next version; 422 lists every rule it breaks, each with its step.");
        api.MapPost("/funnels/{id}/rollback", RollbackAsync).AcceptsJson<RollbackRequest>().WithName("RollbackFunnel")
            .WithSummary("Publishes an earlier version's steps again, as the next version, and makes them the draft.");
        api.MapPost("/funnels/{id}/archive", ArchiveAsync).AcceptsJson<RevisionRequest>().WithName("ArchiveFunnel");
        api.MapPost("/funnels/{id}/restore", RestoreAsync).AcceptsJson<RevisionRequest>().WithName("RestoreFunnel");
    }

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> UndoAsync(string id, HttpRequest request, NumiDbContext db,
        UndoFunnelChangeHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new UndoFunnelChange(funnel.Id, revision), ct)).Errors, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> PublishAsync(string id, HttpRequest request, NumiDbContext db,
        PublishFunnelHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new PublishFunnel(funnel.Id, revision), ct)).Errors, ct, FunnelWire.Listed);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> RollbackAsync(string id, HttpRequest request, NumiDbContext db,
        RollbackFunnelHandler handler, CancellationToken ct) =>
        EditAsync<RollbackRequest>(id, request, db, async (funnel, revision, body) =>
            body.Version is not { } version
                ? [Error.Missing("version", "Name the version number to publish again.")]
                : (await handler.HandleAsync(new RollbackFunnel(funnel.Id, revision, version), ct)).Errors, ct, FunnelWire.Listed);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> ArchiveAsync(string id, HttpRequest request, NumiDbContext db,
        ArchiveFunnelHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new ArchiveFunnel(funnel.Id, revision), ct)).Errors, ct);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> RestoreAsync(string id, HttpRequest request, NumiDbContext db,
        RestoreFunnelHandler handler, CancellationToken ct) =>
        EditAsync<RevisionRequest>(id, request, db, async (funnel, revision, _) =>
            (await handler.HandleAsync(new RestoreFunnel(funnel.Id, revision), ct)).Errors, ct);
}
