using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>Funnels: offers arranged into steps. Every change answers with the whole funnel as it is now (steps with
/// their rule violations, versions, the new revision), which is what the funnel canvas shows next.</summary>
public static partial class FunnelsApi
{
    public static RouteGroupBuilder MapFunnelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/funnels", ListFunnelsAsync).WithName("ListFunnels").WithSummary("Funnels, newest first; ?status= filters.");
        api.MapPost("/funnels", CreateFunnelAsync).AcceptsJson<FunnelRequest>().WithName("CreateFunnel");
        api.MapGet("/funnels/{id}", GetFunnelAsync).WithName("GetFunnel").WithSummary("The draft steps with what stops publishing, and the versions.");
        api.MapPost("/funnels/{id}", RenameFunnelAsync).AcceptsJson<FunnelRequest>().WithName("RenameFunnel");
        MapSteps(api);
        MapVariants(api);
        MapPublishing(api);
        return api;
    }

    private static async Task<Results<Ok<ApiList<FunnelSummary>>, ProblemHttpResult>> ListFunnelsAsync(HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var funnels = db.Funnels.AsNoTracking().Include(f => f.Steps).AsQueryable();
        var status = request.Query["status"].ToString();
        if (status.Length > 0)
        {
            if (FunnelWire.Parse<FunnelStatus>(status) is not { } wanted)
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "status must be draft, published or archived.", "status");
            funnels = funnels.Where(f => f.Status == wanted);
        }
        return await ApiPaging.PageAsync(request, funnels, IdPrefixes.Funnel, "/api/v1/funnels", FunnelWire.Summary, ct);
    }

    private static async Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> CreateFunnelAsync(HttpRequest request, NumiDbContext db,
        CreateFunnelHandler handler, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<FunnelRequest>(request);
        if (problem is not null) return problem;
        if (body!.Revision is not null) return FunnelWire.Invalid("revision", "A new funnel has no revision yet; leave revision out.");
        var result = await handler.HandleAsync(new CreateFunnel(body.Name, body.Slug), ct);
        return result.Succeeded ? TypedResults.Ok((await DetailsAsync(db, result.Value.Id, ct))!) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> GetFunnelAsync(string id, NumiDbContext db, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Funnel, id, out var funnelId) && await DetailsAsync(db, funnelId.Value, ct) is { } details
            ? TypedResults.Ok(details)
            : NoSuchFunnel(id);

    private static Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> RenameFunnelAsync(string id, HttpRequest request, NumiDbContext db,
        RenameFunnelHandler handler, CancellationToken ct) =>
        EditAsync<FunnelRequest>(id, request, db, async (funnel, revision, body) =>
            (await handler.HandleAsync(new RenameFunnel(funnel.Id, revision, body.Name ?? funnel.Name, body.Slug ?? funnel.Slug), ct)).Errors, ct);

    /// <summary>The shape of every change: find the funnel, read the body, require its revision, run the use case and
    /// answer with the funnel as it is now.</summary>
    private static async Task<Results<Ok<FunnelDetails>, ProblemHttpResult>> EditAsync<TRequest>(string id, HttpRequest request, NumiDbContext db,
        Func<Funnel, int, TRequest, Task<IReadOnlyList<Error>>> change, CancellationToken ct, Func<IReadOnlyList<Error>, ProblemHttpResult>? refuse = null)
        where TRequest : class, IRevisedRequest, new()
    {
        // Tracked, so the use case's FunnelEditor takes this funnel instead of reading it a second time.
        var funnel = PublicId.TryParse(IdPrefixes.Funnel, id, out var funnelId) ? await FunnelQueries.LoadAsync(db, funnelId.Value, ct) : null;
        if (funnel is null) return NoSuchFunnel(id);
        var (body, problem) = request.Method == HttpMethods.Delete ? (FromQuery<TRequest>(request), null) : await ApiJson.ReadAsync<TRequest>(request);
        if (problem is not null) return problem;
        if (body is null) return FunnelWire.Invalid("revision", "revision must be a whole number.");
        if (body.Revision is not { } revision)
            return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Send the funnel's revision your editor shows, as revision.", "revision");
        var errors = await change(funnel, revision, body);
        if (errors.Count > 0) return (refuse ?? ApiProblem.From)(errors);
        return TypedResults.Ok((await SavedDetailsAsync(db, funnel.Id, ct))!);
    }

    /// <summary>A DELETE carries its revision in the query (<c>?revision=7</c>): bodies on DELETE are not for everyone.</summary>
    private static TRequest? FromQuery<TRequest>(HttpRequest request) where TRequest : class, IRevisedRequest, new()
    {
        var raw = request.Query["revision"].ToString();
        if (raw.Length == 0) return new TRequest();
        if (!int.TryParse(raw, out var revision)) return null;
        return new RevisionRequest { Revision = revision } as TRequest;
    }

    internal static async Task<FunnelDetails?> DetailsAsync(NumiDbContext db, Guid funnelId, CancellationToken ct) =>
        await FunnelQueries.ReadAsync(db, funnelId, ct) is { } funnel ? await DetailsAsync(db, funnel, ct) : null;

    /// <summary>The funnel as a change just saved it. Every change goes through <see cref="FunnelEditor"/>, which loads
    /// the funnel with its steps tracked in this request's context and saves it whole, so the tracked funnel is what the
    /// database now holds and is not read again (one query fewer per drop); the versions and offers are still read.</summary>
    internal static async Task<FunnelDetails?> SavedDetailsAsync(NumiDbContext db, Guid funnelId, CancellationToken ct) =>
        db.Funnels.Local.FirstOrDefault(f => f.Id == funnelId) is { } saved ? await DetailsAsync(db, saved, ct) : await DetailsAsync(db, funnelId, ct);

    private static async Task<FunnelDetails> DetailsAsync(NumiDbContext db, Funnel funnel, CancellationToken ct)
    {
        var violations = await FunnelQueries.ViolationsAsync(db, funnel, ct);
        return FunnelWire.Details(funnel, violations, await FunnelQueries.VersionsAsync(db, funnel.Id, ct));
    }

    private static ProblemHttpResult NoSuchFunnel(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such funnel: '{id}'.", "id");
}
