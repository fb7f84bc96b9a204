using System.Net;
using System.Net.Http.Json;
using Numi.Contracts.Offers;

namespace Numi.Web.Client.Api;

internal sealed class OfferCanvasApiClient(NumiApiClient api, Microsoft.JSInterop.IJSRuntime js) : Offers.IOfferCanvasData
{
    public async Task<OfferCanvasView?> ReadAsync(string offerId, CancellationToken ct)
    {
        try
        {
            return await api.GetAsync<OfferCanvasView>(Path(offerId), ct);
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<CanvasSaveResult> ApplyAsync(string offerId, CanvasChange change, CancellationToken ct)
    {
        using var response = await api.PostAsync(Path(offerId), change, OfferCanvasJson.Default.CanvasChange, ct);
        Offers.CanvasTimeline.Mark(js, "headers");
        if (response.IsSuccessStatusCode)
            return new CanvasSaveResult(await response.Content.ReadFromJsonAsync(OfferCanvasJson.Default.OfferCanvasState, ct), null);
        var problem = await ReadProblemAsync(response, ct);
        return new CanvasSaveResult(null, new CanvasProblem((int)response.StatusCode, problem?.Code ?? "", problem?.Detail ?? "The change was not saved.", problem?.Param));
    }

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

    private static string Path(string offerId) => $"api/v1/offers/{Uri.EscapeDataString(offerId)}/canvas";

    /// <summary>The parts of the API's problem details the canvas shows.</summary>
    private sealed record Problem(string? Code, string? Detail, string? Param);
}
