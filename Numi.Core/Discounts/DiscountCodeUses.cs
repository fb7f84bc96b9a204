using Microsoft.EntityFrameworkCore;

namespace Numi.Core.Discounts;

/// <summary>Gives reserved uses back to a code in one statement (never below zero), so concurrent releases cannot
/// lose an update. The caller chooses the scope: its own organization's codes, or every one for the expiry job.</summary>
public static class DiscountCodeUses
{
    public static Task<int> GiveBackAsync(IQueryable<DiscountCode> codes, Guid codeId, int uses, CancellationToken ct) =>
        codes.Where(c => c.Id == codeId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TimesRedeemed, c => c.TimesRedeemed > uses ? c.TimesRedeemed - uses : 0), ct);
}
