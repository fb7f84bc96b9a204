using Numi.Core.Checkout;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Checkout;

public static class CheckoutEndpoints
{
    /// <summary><c>/c/{organization}/{offer}</c> is the shareable link of a published offer: each visit opens a checkout
    /// session and goes to its page, so the shopper's choices live on the server and the link can be resumed.</summary>
    public static void MapCheckoutEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/c/{organization}/{offer}", StartAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> StartAsync(string organization, string offer, NumiDbContext db, RequestTenant tenant,
        StartCheckoutHandler start, HttpResponse response, CancellationToken ct)
    {
        var found = await ShopperTenant.EnterForOfferAsync(db, tenant, organization, offer, ct);
        if (found is null) return Results.NotFound();
        var session = await start.HandleAsync(new StartCheckout(found.Id), ct);
        if (!session.Succeeded) return Results.NotFound();
        response.Headers.CacheControl = "no-store";
        return Results.Redirect(CheckoutLinks.SessionPath(session.Value));
    }
}
