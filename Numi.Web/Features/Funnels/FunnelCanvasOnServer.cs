using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Infrastructure.Persistence;
using Numi.Web.Api;
using Numi.Web.Api.V1;
using Numi.Web.Client.Funnels;
using Numi.Web.Interactive;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Funnels;

/// <summary><see cref="IFunnelCanvasData"/> on the server: the same use cases the API runs (<see cref="FunnelEdits"/> and
/// Core's handlers), each change in its own scope, answered with the funnel as the API would answer it.</summary>
internal sealed class FunnelCanvasOnServer(CircuitOperations operations) : IFunnelCanvasData
{
    public Task<FunnelDetails?> ReadAsync(string funnelId, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Funnel, funnelId, out var id)
            ? operations.RunAsync(services => FunnelsApi.DetailsAsync(services.GetRequiredService<NumiDbContext>(), id.Value, ct), ct)
            : Task.FromResult<FunnelDetails?>(null);

    public Task<string> ReadOrganizationSlugAsync(CancellationToken ct) =>
        operations.RunAsync(services =>
        {
            var organizationId = services.GetRequiredService<RequestTenant>().OrganizationId;
            return services.GetRequiredService<NumiDbContext>().Organizations.AsNoTracking()
                .Where(o => o.Id == organizationId).Select(o => o.Slug).FirstAsync(ct);
        }, ct);

    public Task<List<FunnelOfferChoice>> ListOffersAsync(CancellationToken ct) =>
        operations.RunAsync<List<FunnelOfferChoice>>(async services =>
        {
            var offers = await services.GetRequiredService<NumiDbContext>().Offers.AsNoTracking()
                .OrderByDescending(o => o.CreatedAt).Take(100).Select(o => new { o.Id, o.Name, o.Status }).ToListAsync(ct);
            return [.. offers.Select(o => new FunnelOfferChoice(PublicId.Format(IdPrefixes.Offer, o.Id), o.Name, ApiJson.Name(o.Status)))];
        }, ct);

    public async Task<FunnelSaveResult> ChangeAsync(string funnelId, FunnelChange change, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Funnel, funnelId, out var id)) return Refused([NoSuchFunnel(funnelId)]);
        return await operations.RunAsync(async services =>
        {
            var db = services.GetRequiredService<NumiDbContext>();
            if (await FunnelQueries.LoadAsync(db, id.Value, ct) is not { } funnel) return Refused([NoSuchFunnel(funnelId)]);
            var errors = await ApplyAsync(services, funnel, change, ct);
            return errors.Count > 0 ? Refused(errors) : new FunnelSaveResult(await FunnelsApi.SavedDetailsAsync(db, funnel.Id, ct), null);
        }, ct);
    }

    private static async Task<IReadOnlyList<Error>> ApplyAsync(IServiceProvider services, Funnel funnel, FunnelChange change, CancellationToken ct)
    {
        var (revision, step) = (change.Revision, change.Step ?? "");
        T Handler<T>() where T : notnull => services.GetRequiredService<T>();
        return change.Kind switch
        {
            FunnelChangeKind.AddStep => await FunnelEdits.AddStepAsync(Handler<AddFunnelStepHandler>(), funnel, revision,
                new AddStepRequest { Type = change.Type, Position = change.Position }, ct),
            FunnelChangeKind.UpdateStep => await FunnelEdits.UpdateStepAsync(Handler<UpdateFunnelStepHandler>(), funnel, revision, step,
                change.Update ?? new(), ct),
            FunnelChangeKind.MoveStep => await FunnelEdits.MoveStepAsync(Handler<MoveFunnelStepHandler>(), funnel, revision, step,
                new MoveStepRequest { Position = change.Position, Direction = change.Direction }, ct),
            FunnelChangeKind.DuplicateStep => (await Handler<DuplicateFunnelStepHandler>().HandleAsync(new DuplicateFunnelStep(funnel.Id, revision, step), ct)).Errors,
            FunnelChangeKind.RemoveStep => (await Handler<RemoveFunnelStepHandler>().HandleAsync(new RemoveFunnelStep(funnel.Id, revision, step), ct)).Errors,
            FunnelChangeKind.AddVariant => await FunnelEdits.AddVariantAsync(Handler<AddStepVariantHandler>(), funnel, revision, step,
                change.VariantUpdate ?? new(), ct),
            FunnelChangeKind.UpdateVariant => await FunnelEdits.UpdateVariantAsync(Handler<UpdateStepVariantHandler>(), funnel, revision, step,
                change.Variant ?? "", change.VariantUpdate ?? new(), ct),
            FunnelChangeKind.RemoveVariant => (await Handler<RemoveStepVariantHandler>().HandleAsync(
                new RemoveStepVariant(funnel.Id, revision, step, change.Variant ?? ""), ct)).Errors,
            FunnelChangeKind.SetWeights => await FunnelEdits.SetWeightsAsync(Handler<SetStepWeightsHandler>(), funnel, revision, step,
                new StepWeightsRequest { Weights = change.Weights?.ToDictionary() }, ct),
            FunnelChangeKind.StopTest when change.Winner is { } winner =>
                (await Handler<StopStepTestHandler>().HandleAsync(new StopStepTest(funnel.Id, revision, step, winner), ct)).Errors,
            FunnelChangeKind.StopTest => [Error.Missing("winner", "Name the variant that won, or control.")],
            FunnelChangeKind.Undo => (await Handler<UndoFunnelChangeHandler>().HandleAsync(new UndoFunnelChange(funnel.Id, revision), ct)).Errors,
            FunnelChangeKind.Publish => (await Handler<PublishFunnelHandler>().HandleAsync(new PublishFunnel(funnel.Id, revision), ct)).Errors,
            FunnelChangeKind.Rollback when change.Version is { } version =>
                (await Handler<RollbackFunnelHandler>().HandleAsync(new RollbackFunnel(funnel.Id, revision, version), ct)).Errors,
            FunnelChangeKind.Rollback => [Error.Missing("version", "Name the version number to publish again.")],
            _ => [Error.Invalid("kind", "Not a funnel change.")],
        };
    }

    private static Error NoSuchFunnel(string id) => Error.NotFound($"No such funnel: '{id}'.", "id");

    /// <summary>The status the API answers for the same errors, so the canvas reads both implementations alike.</summary>
    private static FunnelSaveResult Refused(IReadOnlyList<Error> errors)
    {
        var first = errors[0];
        return new FunnelSaveResult(null, new FunnelProblem(ApiProblem.From(first).StatusCode, first.Code, first.Message, first.Param,
            [.. errors.Select(e => new FunnelProblemItem(e.Code, e.Message, e.Param))]));
    }
}
