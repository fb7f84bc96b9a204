using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Organizations;

/// <summary>Changes the current organization's settings. Null fields are left as they are.</summary>
public sealed record UpdateOrganization(string? Name, string? DefaultCurrency, string? TimeZone);

public sealed class UpdateOrganizationValidator : AbstractValidator<UpdateOrganization>
{
    public UpdateOrganizationValidator()
    {
        RuleFor(c => c.Name).Must(n => n is null || n.Trim().Length is > 0 and <= 100)
            .WithMessage("The name must have between 1 and 100 characters.");
        RuleFor(c => c.Name).SingleLineText();
        RuleFor(c => c.DefaultCurrency).SingleLineText().KnownCurrency();
        RuleFor(c => c.TimeZone).SingleLineText().KnownTimeZone();
    }
}

public sealed class UpdateOrganizationHandler(INumiDb db, ITenantContext tenant, IValidator<UpdateOrganization> validator)
{
    public async Task<Result<Organization>> HandleAsync(UpdateOrganization command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Organization>.Failure(errors);

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == tenant.OrganizationId, ct);
        if (organization is null) return Error.NotFound("The organization does not exist.");

        if (command.Name is not null) organization.Rename(command.Name);
        if (command.DefaultCurrency is not null) organization.ChangeDefaultCurrency(Currency.Normalize(command.DefaultCurrency)!);
        if (command.TimeZone is not null) organization.ChangeTimeZone(command.TimeZone);
        await db.SaveChangesAsync(ct);
        return organization;
    }
}
