using FluentValidation;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Tax;

public sealed record CreateTaxRate(TaxRateFields Fields);

public sealed class CreateTaxRateHandler(INumiDb db, IValidator<TaxRateFields> validator, ControllableClock clock)
{
    public async Task<Result<TaxRate>> HandleAsync(CreateTaxRate command, CancellationToken ct)
    {
        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<TaxRate>.Failure(errors);
        var rate = TaxRate.Create(command.Fields, clock.GetUtcNow().UtcDateTime);
        if (await TaxRatePlaces.TakenAsync(db, rate, ct) is { } taken) return taken;
        db.TaxRates.Add(rate);
        await db.SaveChangesAsync(ct);
        return rate;
    }
}
