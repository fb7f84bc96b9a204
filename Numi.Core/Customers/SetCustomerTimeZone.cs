using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Customers;

/// <summary>The merchant sets (or, with null or blank, forgets) a customer's own time zone, an IANA id such as
/// Asia/Tokyo: retries of their invoices are then planned in the plan's window hours of that zone.</summary>
public sealed record SetCustomerTimeZone(Guid CustomerId, string? TimeZone);

public sealed class SetCustomerTimeZoneValidator : AbstractValidator<SetCustomerTimeZone>
{
    public const int MaxLength = 64;

    public SetCustomerTimeZoneValidator()
    {
        RuleFor(c => c.TimeZone).SingleLineText();
        RuleFor(c => c.TimeZone).Cascade(CascadeMode.Stop)
            .MaximumLength(MaxLength).WithMessage($"A time zone is at most {MaxLength} characters, e.g. America/Chicago.")
            .Must(z => string.IsNullOrWhiteSpace(z) || TimeZones.IsKnown(z.Trim()))
            .WithMessage("'{PropertyValue}' is not an IANA time zone such as Asia/Tokyo or America/Chicago; leave it empty when the customer's zone is unknown.");
    }
}

public sealed class SetCustomerTimeZoneHandler(INumiDb db, IValidator<SetCustomerTimeZone> validator)
{
    public async Task<Result<Customer>> HandleAsync(SetCustomerTimeZone command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Customer>.Failure(errors);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == command.CustomerId, ct);
        if (customer is null) return Error.NotFound("No such customer.", "id");
        customer.SetTimeZone(command.TimeZone);
        await db.SaveChangesAsync(ct);
        return customer;
    }
}
