using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Tax;

/// <summary>Changes a rate's fields and, when <see cref="Active"/> is given, archives or restores it. Orders keep the
/// name and percentage they were taxed at, so changing a rate never changes a past order.</summary>
public sealed record UpdateTaxRate(Guid Id, TaxRateFields Fields, bool? Active = null);

public sealed class UpdateTaxRateHandler(INumiDb db, IValidator<TaxRateFields> validator, ControllableClock clock)
{
    public async Task<Result<TaxRate>> HandleAsync(UpdateTaxRate command, CancellationToken ct)
    {
        var rate = await db.TaxRates.FirstOrDefaultAsync(r => r.Id == command.Id, ct);
        if (rate is null) return Error.NotFound("No such tax rate.", "id");
        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<TaxRate>.Failure(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        rate.Update(command.Fields, now);
        if (command.Active is { } active) rate.SetActive(active, now);
        if (await TaxRatePlaces.TakenAsync(db, rate, ct) is { } taken) return taken;
        await db.SaveChangesAsync(ct);
        return rate;
    }
}

internal static class TaxRatePlaces
{
    /// <summary>One active rate per country, and per region of a country, so the rate a shopper pays is never a guess.</summary>
    public static async Task<Error?> TakenAsync(INumiDb db, TaxRate rate, CancellationToken ct)
    {
        if (!rate.Active) return null;
        var other = await db.TaxRates.AsNoTracking()
            .Where(r => r.Active && r.Id != rate.Id && r.Country == rate.Country && r.Region == rate.Region)
            .Select(r => r.DisplayName).FirstOrDefaultAsync(ct);
        if (other is null) return null;
        var place = rate.Region is null ? rate.Country : $"{rate.Country}-{rate.Region}";
        return Error.Invalid(rate.Region is null ? "country" : "state", $"\"{other}\" is already the active rate for {place}; archive it first.");
    }
}
