using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Discounts;

public sealed record CreateDiscountCode(DiscountTerms Terms, DiscountLimits Limits);

public sealed class CreateDiscountCodeValidator : AbstractValidator<CreateDiscountCode>
{
    public CreateDiscountCodeValidator()
    {
        RuleFor(c => c.Terms).SetValidator(new DiscountTermsValidator()).OverridePropertyName("");
        RuleFor(c => c.Limits).SetValidator(new DiscountLimitsValidator()).OverridePropertyName("");
    }
}

public sealed class CreateDiscountCodeHandler(INumiDb db, ITenantContext tenant, IValidator<CreateDiscountCode> validator, ControllableClock clock)
{
    public async Task<Result<DiscountCode>> HandleAsync(CreateDiscountCode command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<DiscountCode>.Failure(errors);
        var ids = command.Terms.ProductIds ?? [];
        if (ids.Count > 0 && await db.Products.CountAsync(p => ids.Contains(p.Id), ct) != ids.Distinct().Count())
            return Error.Invalid("applies_to.products", "One of the products does not exist.");
        var key = DiscountCode.KeyOf(command.Terms.Code!);
        if (await db.DiscountCodes.AnyAsync(c => c.CodeKey == key, ct)) return Taken(key);

        var code = DiscountCode.Create(tenant.OrganizationId!.Value, command.Terms, command.Limits, clock.GetUtcNow().UtcDateTime);
        db.DiscountCodes.Add(code);
        try
        {
            await db.SaveChangesAsync(ct);
            return code;
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            // Another request created the same code at the same moment: the unique index refused this one.
            db.Entry(code).State = EntityState.Detached;
            if (await db.DiscountCodes.AsNoTracking().AnyAsync(c => c.CodeKey == key, ct)) return Taken(key);
            throw;
        }
    }

    private static Error Taken(string key) => Error.Invalid("code", $"There is already a code {key} (codes are the same whatever their case).");
}
