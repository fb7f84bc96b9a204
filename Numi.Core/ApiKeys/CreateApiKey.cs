using FluentValidation;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.ApiKeys;

public sealed record CreateApiKey(string Name, ApiKeyMode Mode, Guid CreatedByUserId);

/// <summary>The new key and its secret, which is shown to the person once and never again.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name).SingleLineText();
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the key after what will use it, e.g. \"Order sync\".")
            .MaximumLength(80).WithMessage("The name must have at most 80 characters.");
        RuleFor(c => c.Mode).IsInEnum().WithMessage("Choose test or live.");
    }
}

public sealed class CreateApiKeyHandler(INumiDb db, ITenantContext tenant, IValidator<CreateApiKey> validator, ControllableClock clock)
{
    public async Task<Result<CreatedApiKey>> HandleAsync(CreateApiKey command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<CreatedApiKey>.Failure(errors);
        if (tenant.OrganizationId is not { } organizationId) return Error.NotFound("No organization is selected.");

        var (key, secret) = ApiKey.Create(organizationId, command.Name, command.Mode, command.CreatedByUserId, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(key, secret);
    }
}
