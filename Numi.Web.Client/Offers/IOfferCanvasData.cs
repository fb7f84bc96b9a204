using Numi.Contracts.Offers;

namespace Numi.Web.Client.Offers;

/// <summary>The offer canvas's data: Core's handlers on the server, <c>GET</c>/<c>POST /api/v1/offers/{id}/canvas</c> in
/// the browser. Both price the slots on the server, so the canvas only shows the totals it is given.</summary>
public interface IOfferCanvasData
{
    /// <summary>The offer's canvas, or null when the organization has no such offer.</summary>
    Task<OfferCanvasView?> ReadAsync(string offerId, CancellationToken ct);

    /// <summary>Saves one change; a change made from an older version comes back with a problem whose
    /// <see cref="CanvasProblem.IsStale"/> is true, and nothing saved.</summary>
    Task<CanvasSaveResult> ApplyAsync(string offerId, CanvasChange change, CancellationToken ct);
}
