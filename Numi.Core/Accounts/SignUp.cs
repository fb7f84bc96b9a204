using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Core.Tenancy;

namespace Numi.Core.Accounts;

/// <summary>A new merchant: their organization and its owner, created together or not at all.</summary>
public sealed record SignUp(
    string Name, string Slug, string DefaultCurrency, string TimeZone,
    string DisplayName, string Email, string Password) : IOrganizationFields;

public sealed class SignUpValidator : AbstractValidator<SignUp>
{
    public SignUpValidator()
    {
        Include(new OrganizationFieldsValidator());
        RuleFor(c => c.DisplayName).SingleLineText();
        RuleFor(c => c.Email).SingleLineText();
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter your name.")
            .MaximumLength(100).WithMessage("Your name must have at most 100 characters.");
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your email address.")
            .EmailAddress().WithMessage("Enter a valid email address.")
            .MaximumLength(256).WithMessage("The email address must have at most 256 characters.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.");
    }
}

public sealed record SignedUp(NumiUser User, Organization Organization);

public sealed class SignUpHandler(INumiDb db, UserManager<NumiUser> users, IValidator<SignUp> validator, ControllableClock clock)
{
    public async Task<Result<SignedUp>> HandleAsync(SignUp command, CancellationToken ct)
    {
        var errors = validator.Check(command).ToList();
        if (!string.IsNullOrEmpty(command.Slug) && Slug.IsValid(command.Slug) && await db.OrganizationSlugTakenAsync(command.Slug, ct))
            errors.Add(Error.Invalid("slug", "This slug is taken. Choose another."));
        if (!string.IsNullOrEmpty(command.Email) && await users.FindByEmailAsync(command.Email) is not null)
            errors.Add(Error.Invalid("email", "An account with this email already exists. Sign in instead."));

        var now = clock.GetUtcNow().UtcDateTime;
        var email = command.Email?.Trim() ?? "";
        var user = new NumiUser { UserName = email, Email = email, DisplayName = command.DisplayName?.Trim() ?? "", CreatedAt = now };
        if (!string.IsNullOrEmpty(command.Password))
            errors.AddRange(await PasswordErrorsAsync(users, user, command.Password));
        if (errors.Count > 0) return Result<SignedUp>.Failure(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, command.Password);
        if (!created.Succeeded)
            return Result<SignedUp>.Failure(created.Errors.Select(e => Error.Invalid("email", e.Description)).ToList());

        var organization = CreateOrganizationHandler.Add(db, command.Name, command.Slug, command.DefaultCurrency, command.TimeZone, user.Id, now);
        user.CurrentOrganizationId = organization.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SignedUp(user, organization);
    }

    public static async Task<IReadOnlyList<Error>> PasswordErrorsAsync(UserManager<NumiUser> users, NumiUser user, string password)
    {
        var errors = new List<Error>();
        foreach (var rule in users.PasswordValidators)
        {
            var result = await rule.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => Error.Invalid("password", e.Description)));
        }
        return errors;
    }
}
