using Numi.Core.Checkout;
using Numi.Core.Discounts;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Checkout;

public static class CheckoutEndpoints
{
    /// <summary><c>/c/{organization}/{offer}</c> is the shareable link of a published offer: each visit opens a checkout
    /// session bound to the visiting browser (<see cref="CheckoutBrowser"/>) and goes to its page, so the shopper's choices
    /// live on the server and the link can be resumed.</summary>
    public static void MapCheckoutEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/c/{organization}/{offer}", StartAsync).AllowAnonymous().ExcludeFromDescription();

    /// <remarks><c>?discount=CODE</c> applies a code as the checkout opens; one that cannot be applied is typed into the
    /// field for the shopper, who sees why when applying it.</remarks>
    private static async Task<IResult> StartAsync(string organization, string offer, string? discount, NumiDbContext db, RequestTenant tenant,
        StartCheckoutHandler start, ApplyDiscountCodeHandler apply, HttpResponse response, CancellationToken ct)
    {
        var found = await ShopperTenant.EnterForOfferAsync(db, tenant, organization, offer, ct);
        if (found is null) return Results.NotFound();
        var (key, keyHash) = CheckoutBrowser.NewKey();
        var session = await start.HandleAsync(new StartCheckout(found.Id, BrowserKeyHash: keyHash), ct);
        if (!session.Succeeded) return Results.NotFound();
        CheckoutBrowser.Give(response.HttpContext, session.Value, key);
        response.Headers.CacheControl = "no-store";
        var path = CheckoutLinks.SessionPath(session.Value);
        if (string.IsNullOrWhiteSpace(discount) || discount.Length > 40) return Results.Redirect(path);
        var applied = await apply.HandleAsync(new ApplyDiscountCode(session.Value.Id, discount), ct);
        return Results.Redirect(applied.Succeeded ? path : path + "?discount=" + Uri.EscapeDataString(discount.Trim()));
    }
}
