using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Checkout;

/// <summary>The shopper changes options, quantities or the order bump; the amounts are recomputed from current prices.
/// The checkout page also passes what the tax depends on as typed so far: the email (a tax-exempt customer's pays
/// none; kept only when it looks like an email, it is checked again at payment) and where the shopper is.</summary>
public sealed record ChooseCheckout(Guid SessionId, IReadOnlyDictionary<string, SlotChoice> Selection, string? CustomerEmail = null,
    Tax.TaxLocation? Location = null);

public sealed class ChooseCheckoutHandler(INumiDb db, CheckoutPricing pricing, ControllableClock clock)
{
    /// <param name="known">The offer's part as the caller already holds it (the checkout page's, kept in memory until
    /// the organization changes), so it is not read again; null reads it.</param>
    public async Task<Result<CheckoutSession>> HandleAsync(ChooseCheckout command, CancellationToken ct, KnownOffer? known = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changeable = await CheckoutQueries.LoadChangeableAsync(db, command.SessionId, now, ct);
        if (!changeable.Succeeded) return changeable;
        var session = changeable.Value;

        if (command.Location is not null) session.Locate(command.Location, now);
        if (LooksLikeEmail(command.CustomerEmail)) session.Describe(command.CustomerEmail, null, now);

        var (offer, prices, rates) = await CheckoutQueries.LoadOfferAsync(db, session, known, command.Selection.Values.Select(c => c.Price), ct);
        if (offer is null) return Error.Conflict("The offer of this checkout no longer exists.", "id");
        var selection = CheckoutCart.Completed(offer, command.Selection);
        var cart = await pricing.PriceAsync(offer, prices, selection, session, ct, rates);
        if (!cart.Succeeded) return Result<CheckoutSession>.Failure(cart.Errors);
        session.Choose(cart.Value, selection, now);
        try
        {
            await db.SaveInTurnAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("This checkout changed at the same moment (a payment started); reload it.", "id");
        }
        return session;
    }

    private static bool LooksLikeEmail(string? email) =>
        email?.Trim() is { Length: > 2 and <= 254 } text && text.IndexOf('@') is var at && at > 0 && at < text.Length - 1
        && Validation.NoControlCharacters(text);
}
