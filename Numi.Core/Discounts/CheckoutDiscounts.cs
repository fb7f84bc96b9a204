using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Customers;

namespace Numi.Core.Discounts;

/// <summary>The discount step of <see cref="CheckoutPricing"/>: takes the session's code off the cart, or refuses the
/// cart with the reason the code cannot be used now. It runs on every pricing, so a code that expired or was used up
/// since it was applied is caught again before any payment.</summary>
public sealed class CheckoutDiscounts(INumiDb db, ControllableClock clock)
{
    public async Task<Result<CheckoutCart>> ApplyAsync(CheckoutCart cart, CheckoutSession? session, CancellationToken ct)
    {
        if (session?.DiscountCodeId is not { } codeId) return cart;
        // Codes are archived, never deleted, so the applied one is always there.
        var code = await db.DiscountCodes.AsNoTracking().FirstAsync(c => c.Id == codeId, ct);
        if (await CheckAsync(code, session, ct) is { } refused) return refused;
        var amount = code.AmountFor(cart);
        if (!amount.Succeeded) return Result<CheckoutCart>.Failure(amount.Errors);
        return cart with
        {
            Discount = amount.Value, DiscountLabel = code.Label,
            AppliedDiscount = new AppliedDiscount(code.Id, code.Code, code.Duration, code.DurationCycles),
        };
    }

    /// <summary>Usable now, not used up (this session's own reservation aside) and, for a once-per-customer code, not
    /// used before by the session's email (checked as soon as the email is known).</summary>
    public async Task<Error?> CheckAsync(DiscountCode code, CheckoutSession session, CancellationToken ct)
    {
        if (code.CheckUsable(clock.GetUtcNow().UtcDateTime) is { } unusable) return unusable;
        var reserved = await db.DiscountRedemptions.AnyAsync(r => r.CheckoutSessionId == session.Id && r.DiscountCodeId == code.Id, ct);
        if (code.MaxRedemptions is { } max && code.TimesRedeemed - (reserved ? 1 : 0) >= max) return DiscountErrors.UsedUp(code.Code);
        if (code.OncePerCustomer && session.CustomerEmail is { } email)
        {
            var key = Customer.KeyOf(email);
            if (await db.DiscountRedemptions.AnyAsync(r => r.DiscountCodeId == code.Id && r.CustomerKey == key && r.CheckoutSessionId != session.Id, ct))
                return DiscountErrors.AlreadyUsed(code.Code);
        }
        return null;
    }
}

/// <summary>The code a cart was discounted with, snapshotted on the order with its duration for later renewals.</summary>
public sealed record AppliedDiscount(Guid CodeId, string Code, DiscountDuration Duration, int? DurationCycles);
