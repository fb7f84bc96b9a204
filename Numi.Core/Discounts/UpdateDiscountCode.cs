using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Discounts;

/// <summary>Changes when and how often a code can be used, and archives (Active false) or restores it.</summary>
public sealed record UpdateDiscountCode(Guid Id, DiscountLimits Limits, bool? Active = null);

public sealed class UpdateDiscountCodeValidator : AbstractValidator<UpdateDiscountCode>
{
    public UpdateDiscountCodeValidator() =>
        RuleFor(c => c.Limits).SetValidator(new DiscountLimitsValidator()).OverridePropertyName("");
}

public sealed class UpdateDiscountCodeHandler(INumiDb db, IValidator<UpdateDiscountCode> validator, ControllableClock clock)
{
    public async Task<Result<DiscountCode>> HandleAsync(UpdateDiscountCode command, CancellationToken ct)
    {
        var code = await db.DiscountCodes.FirstOrDefaultAsync(c => c.Id == command.Id, ct);
        if (code is null) return Error.NotFound("This discount code does not exist.", "id");
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<DiscountCode>.Failure(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        code.Limit(command.Limits, now);
        if (command.Active == false) code.Archive(now);
        if (command.Active == true) code.Restore(now);
        await db.SaveChangesAsync(ct);
        return code;
    }
}
