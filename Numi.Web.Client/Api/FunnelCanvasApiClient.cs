using System.Net;
using System.Net.Http.Json;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;

namespace Numi.Web.Client.Api;

/// <summary><see cref="IFunnelCanvasData"/> in the browser: <c>/api/v1/funnels</c> with the sign-in cookie.</summary>
internal sealed class FunnelCanvasApiClient(NumiApiClient api) : IFunnelCanvasData
{
    public async Task<FunnelDetails?> ReadAsync(string funnelId, CancellationToken ct)
    {
        try
        {
            return await api.GetAsync<FunnelDetails>(Path(funnelId), ct);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<string> ReadOrganizationSlugAsync(CancellationToken ct) =>
        (await api.GetAsync<OrganizationSlug>("api/v1/organization", ct)).Slug;

    public async Task<List<FunnelOfferChoice>> ListOffersAsync(CancellationToken ct) =>
        (await api.GetAsync<OfferPage>("api/v1/offers?limit=100", ct)).Data;

    public async Task<FunnelSaveResult> ChangeAsync(string funnelId, FunnelChange change, CancellationToken ct)
    {
        var funnel = Path(funnelId);
        var step = change.Step is { } key ? $"{funnel}/steps/{Uri.EscapeDataString(key)}" : "";
        var revision = new RevisionRequest { Revision = change.Revision };
        var json = FunnelCanvasJson.Default;
        using var response = change.Kind switch
        {
            FunnelChangeKind.AddStep => await api.PostAsync($"{funnel}/steps",
                new AddStepRequest { Revision = change.Revision, Type = change.Type, Position = change.Position }, json.AddStepRequest, ct),
            FunnelChangeKind.UpdateStep => await api.PostAsync(step, Revised(change.Update ?? new(), change.Revision), json.UpdateStepRequest, ct),
            FunnelChangeKind.MoveStep => await api.PostAsync($"{step}/move",
                new MoveStepRequest { Revision = change.Revision, Position = change.Position, Direction = change.Direction }, json.MoveStepRequest, ct),
            FunnelChangeKind.DuplicateStep => await api.PostAsync($"{step}/duplicate", revision, json.RevisionRequest, ct),
            FunnelChangeKind.RemoveStep => await api.DeleteAsync($"{step}?revision={change.Revision}", ct),
            FunnelChangeKind.AddVariant => await api.PostAsync($"{step}/variants", Revised(change.VariantUpdate ?? new(), change.Revision), json.VariantRequest, ct),
            FunnelChangeKind.UpdateVariant => await api.PostAsync($"{step}/variants/{Uri.EscapeDataString(change.Variant ?? "")}",
                Revised(change.VariantUpdate ?? new(), change.Revision), json.VariantRequest, ct),
            FunnelChangeKind.RemoveVariant => await api.DeleteAsync($"{step}/variants/{Uri.EscapeDataString(change.Variant ?? "")}?revision={change.Revision}", ct),
            FunnelChangeKind.SetWeights => await api.PostAsync($"{step}/weights",
                new StepWeightsRequest { Revision = change.Revision, Weights = change.Weights?.ToDictionary() }, json.StepWeightsRequest, ct),
            FunnelChangeKind.StopTest => await api.PostAsync($"{step}/stop_test",
                new StopTestRequest { Revision = change.Revision, Winner = change.Winner }, json.StopTestRequest, ct),
            FunnelChangeKind.Undo => await api.PostAsync($"{funnel}/undo", revision, json.RevisionRequest, ct),
            FunnelChangeKind.Publish => await api.PostAsync($"{funnel}/publish", revision, json.RevisionRequest, ct),
            FunnelChangeKind.Rollback => await api.PostAsync($"{funnel}/rollback",
                new RollbackRequest { Revision = change.Revision, Version = change.Version }, json.RollbackRequest, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Not a funnel change."),
        };
        if (response.IsSuccessStatusCode)
            return new FunnelSaveResult(await response.Content.ReadFromJsonAsync(FunnelCanvasJson.Default.FunnelDetails, ct), null);
        var problem = await ReadProblemAsync(response, ct);
        return new FunnelSaveResult(null, new FunnelProblem((int)response.StatusCode, problem?.Code ?? "",
            problem?.Detail ?? "The change was not saved.", problem?.Param, problem?.Errors ?? []));
    }

    private static UpdateStepRequest Revised(UpdateStepRequest update, int revision) => new()
    {
        Revision = revision, Name = update.Name, Offer = update.Offer, Offers = update.Offers, Blocks = update.Blocks, ControlWeight = update.ControlWeight,
    };

    private static VariantRequest Revised(VariantRequest variant, int revision) => new()
    {
        Revision = revision, Name = variant.Name, Weight = variant.Weight, Blocks = variant.Blocks, Offer = variant.Offer,
    };

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(WireJson.Lenient, ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Path(string funnelId) => $"api/v1/funnels/{Uri.EscapeDataString(funnelId)}";

    /// <summary>The parts of the API's problem details the canvas shows; <see cref="Errors"/> when publishing was refused.</summary>
    private sealed record Problem(string? Code, string? Detail, string? Param, List<FunnelProblemItem>? Errors);

    private sealed record OrganizationSlug(string Slug);

    private sealed record OfferPage(List<FunnelOfferChoice> Data);
}
