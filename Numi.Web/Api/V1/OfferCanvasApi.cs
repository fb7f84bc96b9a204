using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Offers;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Web.Api.V1;

/// <summary>The offer canvas's endpoints: its state with the totals priced by the server, and one change at a time made
/// from a version, refused with 409 <c>version_conflict</c> when the offer was saved since.</summary>
public static class OfferCanvasApi
{
    public sealed class CanvasChangeRequest
    {
        public long? Version { get; set; }
        public CanvasChangeKind? Kind { get; set; }
        public string? Price { get; set; }
        public string? Slot { get; set; }
        public int? To { get; set; }
    }

    public static RouteGroupBuilder MapOfferCanvasApi(this RouteGroupBuilder api)
    {
        api.MapGet("/offers/{id}/canvas", ReadCanvasAsync).WithName("GetOfferCanvas")
            .WithSummary("The offer's slots with their amounts and totals, its version, and the prices it can use (the palette).");
        api.MapPost("/offers/{id}/canvas", ChangeCanvasAsync).AcceptsJson<CanvasChangeRequest>().WithName("ChangeOfferCanvas")
            .WithSummary("One change (add_line, add_order_bump, add_option, move, remove) made from version; answers the new state.");
        return api;
    }

    private static async Task<Results<Ok<OfferCanvasView>, ProblemHttpResult>> ReadCanvasAsync(string id, ReadOfferCanvasHandler handler, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Offer, id, out var key) && await handler.HandleAsync(key.Value, ct) is { } view
            ? TypedResults.Ok(view)
            : OffersApi.NoSuchOffer(id);

    private static async Task<Results<Ok<OfferCanvasState>, ProblemHttpResult>> ChangeCanvasAsync(string id, HttpRequest request,
        ChangeOfferCanvasHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Offer, id, out var offerId)) return OffersApi.NoSuchOffer(id);
        var (body, problem) = await ApiJson.ReadAsync<CanvasChangeRequest>(request);
        if (problem is not null) return problem;
        if (body!.Version is not { } version)
            return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "version is required: the version of the canvas the change was made on.", "version");
        if (body.Kind is not { } kind)
            return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "kind is required: add_line, add_order_bump, add_option, move or remove.", "kind");
        Guid? price = null;
        if (body.Price is not null && !PublicId.TryParse(IdPrefixes.Price, body.Price, out price))
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "price must be a price id (price_…).", "price");
        var result = await handler.HandleAsync(new ChangeOfferCanvas(offerId!.Value, version, kind, price, body.Slot, body.To), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblem.From(result.Errors);
    }
}
