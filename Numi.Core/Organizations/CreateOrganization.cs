using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Tenancy;

namespace Numi.Core.Organizations;

/// <summary>Creates another organization for a signed-in user, who becomes its owner and switches to it.</summary>
public sealed record CreateOrganization(Guid OwnerUserId, string Name, string Slug, string DefaultCurrency, string TimeZone)
    : IOrganizationFields;

/// <summary>The fields a new organization needs; shared by sign-up and "new organization".</summary>
public interface IOrganizationFields
{
    string Name { get; }
    string Slug { get; }
    string DefaultCurrency { get; }
    string TimeZone { get; }
}

public sealed class OrganizationFieldsValidator : AbstractValidator<IOrganizationFields>
{
    public OrganizationFieldsValidator()
    {
        RuleFor(c => c.Name).SingleLineText();
        RuleFor(c => c.Slug).SingleLineText();
        RuleFor(c => c.DefaultCurrency).SingleLineText();
        RuleFor(c => c.TimeZone).SingleLineText();
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter your organization's name.")
            .MaximumLength(100).WithMessage("The name must have at most 100 characters.");
        RuleFor(c => c.Slug).NotEmpty().WithMessage("Choose a slug for your checkout links.")
            .Must(s => string.IsNullOrEmpty(s) || Organizations.Slug.IsValid(s))
            .WithMessage($"Use {Organizations.Slug.MinLength} to {Organizations.Slug.MaxLength} lower-case letters, digits and single hyphens (some words are reserved).");
        RuleFor(c => c.DefaultCurrency).NotEmpty().WithMessage("Choose a default currency.")
            .Must(c => string.IsNullOrEmpty(c) || Currency.Normalize(c) is not null).WithMessage("Choose a supported ISO 4217 currency.");
        RuleFor(c => c.TimeZone).NotEmpty().WithMessage("Choose a time zone.")
            .Must(z => string.IsNullOrEmpty(z) || TimeZones.IsKnown(z)).WithMessage("Choose an IANA time zone such as Europe/Paris.");
    }
}

public sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganization>
{
    public CreateOrganizationValidator() => Include(new OrganizationFieldsValidator());
}

public sealed class CreateOrganizationHandler(INumiDb db, IValidator<CreateOrganization> validator, ControllableClock clock)
{
    public async Task<Result<Organization>> HandleAsync(CreateOrganization command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Organization>.Failure(errors);
        if (await db.OrganizationSlugTakenAsync(command.Slug, ct))
            return Error.Invalid("slug", "This slug is taken. Choose another.");

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.OwnerUserId, ct);
        if (user is null) return Error.NotFound("The user does not exist.");

        var organization = Add(db, command.Name, command.Slug, command.DefaultCurrency, command.TimeZone, user.Id, clock.GetUtcNow().UtcDateTime);
        user.CurrentOrganizationId = organization.Id;
        await db.SaveChangesAsync(ct);
        return organization;
    }

    /// <summary>Adds an organization and its owner's membership to the unit of work (shared with sign-up).</summary>
    internal static Organization Add(INumiDb db, string name, string slug, string currency, string timeZone, Guid ownerId, DateTime now)
    {
        var organization = Organization.Create(name, slug, Currency.Normalize(currency)!, timeZone, now);
        db.Organizations.Add(organization);
        db.Memberships.Add(Membership.Create(organization.Id, ownerId, OrganizationRole.Owner, now));
        return organization;
    }
}
