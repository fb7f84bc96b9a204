using Numi.Contracts.Offers;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Web.Client.Offers;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Offers;

/// <summary><see cref="IOfferCanvasData"/> on the server: Core's canvas handlers, each call in its own scope.</summary>
internal sealed class OfferCanvasOnServer(CircuitOperations operations) : IOfferCanvasData
{
    public Task<OfferCanvasView?> ReadAsync(string offerId, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Offer, offerId, out var id)
            ? operations.RunAsync(services => services.GetRequiredService<ReadOfferCanvasHandler>().HandleAsync(id.Value, ct), ct)
            : Task.FromResult<OfferCanvasView?>(null);

    public async Task<CanvasSaveResult> ApplyAsync(string offerId, CanvasChange change, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Offer, offerId, out var id)) return Refused(404, Error.NotFound("This offer does not exist.", "id"));
        Guid? price = null;
        if (change.Price is not null && !PublicId.TryParse(IdPrefixes.Price, change.Price, out price))
            return Refused(400, Error.Invalid("price", "price must be a price id (price_…)."));
        var result = await operations.RunAsync(services => services.GetRequiredService<ChangeOfferCanvasHandler>()
            .HandleAsync(new ChangeOfferCanvas(id.Value, change.Version, change.Kind, price, change.Slot, change.To), ct), ct);
        return result.Succeeded ? new CanvasSaveResult(result.Value, null) : Refused(StatusOf(result.Errors[0]), result.Errors[0]);
    }

    /// <summary>The status the API answers for the same error, so the canvas reads both implementations alike.</summary>
    private static int StatusOf(Error error) => Api.ApiProblem.From(error).StatusCode;

    private static CanvasSaveResult Refused(int status, Error error) => new(null, new CanvasProblem(status, error.Code, error.Message, error.Param));
}
