using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Discounts;

/// <summary>The shopper applies a code to their checkout, or removes it (an empty code). The code is checked against the
/// cart at once, with the shopper's email when it is known, and the amounts are recomputed.</summary>
public sealed record ApplyDiscountCode(Guid SessionId, string? Code, string? CustomerEmail = null);

public sealed class ApplyDiscountCodeHandler(INumiDb db, CheckoutPricing pricing, DiscountReservations reservations, ControllableClock clock)
{
    public async Task<Result<CheckoutSession>> HandleAsync(ApplyDiscountCode command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changeable = await CheckoutQueries.LoadChangeableAsync(db, command.SessionId, now, ct);
        if (!changeable.Succeeded) return changeable;
        var session = changeable.Value;

        Guid? codeId = null;
        if (!string.IsNullOrWhiteSpace(command.Code))
        {
            var key = DiscountCode.KeyOf(command.Code);
            codeId = await db.DiscountCodes.Where(c => c.CodeKey == key && c.Active).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (codeId is null) return DiscountErrors.Unknown(command.Code.Trim());
        }
        var (offer, prices) = await CheckoutQueries.LoadOfferAsync(db, session.OfferId, ct, session.Selection.Values.Select(c => c.Price));
        if (offer is null) return Error.Conflict("The offer of this checkout no longer exists.", "id");

        var previous = session.DiscountCodeId;
        var email = session.CustomerEmail;
        if (LooksLikeEmail(command.CustomerEmail)) session.Describe(command.CustomerEmail, null, now);
        session.ApplyDiscount(codeId, now);
        var cart = await pricing.PriceAsync(offer, prices, session.Selection, session, ct);
        if (!cart.Succeeded)
        {
            // The context may be saved again by the caller: leave the session as it was.
            session.ApplyDiscount(previous, now);
            if (email is not null) session.Describe(email, null, now);
            return Result<CheckoutSession>.Failure(cart.Errors);
        }
        session.Choose(cart.Value, session.Selection, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("This checkout changed at the same moment (a payment started); reload it.", "id");
        }
        // A payment waiting for the bank held the old code's use; a different code (or none) gives it back.
        if (previous is not null && previous != codeId) await reservations.ReleaseAsync(session.Id, ct);
        return session;
    }

    /// <summary>The same test as the checkout's email rule (text on both sides of an '@'); anything else waits for the
    /// payment, whose validator says what is wrong with it.</summary>
    private static bool LooksLikeEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        var at = trimmed.IndexOf('@');
        return trimmed.Length <= 254 && at > 0 && at < trimmed.Length - 1 && Validation.NoControlCharacters(trimmed);
    }
}
