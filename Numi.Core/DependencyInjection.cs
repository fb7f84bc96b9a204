using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Numi.Core.Accounts;
using Numi.Core.ApiKeys;
using Numi.Core.Maintenance;
using Numi.Core.Members;
using Numi.Core.Organizations;

namespace Numi.Core;

public static class DependencyInjection
{
    /// <summary>Use-case handlers and their validators, registered explicitly (no mediator, no assembly scanning).</summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IValidator<SignUp>, SignUpValidator>();
        services.AddSingleton<IValidator<CreateOrganization>, CreateOrganizationValidator>();
        services.AddSingleton<IValidator<UpdateOrganization>, UpdateOrganizationValidator>();
        services.AddSingleton<IValidator<InviteMember>, InviteMemberValidator>();
        services.AddSingleton<IValidator<CreateApiKey>, CreateApiKeyValidator>();

        services.AddScoped<SignUpHandler>();
        services.AddScoped<CreateOrganizationHandler>();
        services.AddScoped<UpdateOrganizationHandler>();
        services.AddScoped<InviteMemberHandler>();
        services.AddScoped<AcceptInvitationHandler>();
        services.AddScoped<ChangeMembershipHandler>();
        services.AddScoped<CreateApiKeyHandler>();
        services.AddScoped<RevokeApiKeyHandler>();
        services.AddScoped<PurgeExpiredRecordsHandler>();
        return services;
    }
}
