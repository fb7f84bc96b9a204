using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Numi.Core.Funnels;

public static class FunnelServices
{
    public static IServiceCollection AddFunnels(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<CreateFunnel>, FunnelFieldsValidator<CreateFunnel>>();
        services.AddSingleton<IValidator<RenameFunnel>, FunnelFieldsValidator<RenameFunnel>>();
        services.AddSingleton<IValidator<StepFields>, StepFieldsValidator>();
        services.AddSingleton<IValidator<VariantFields>, VariantFieldsValidator>();
        services.AddScoped<FunnelEditor>();
        services.AddScoped<FunnelAttribution>();
        services.AddScoped<CreateFunnelHandler>();
        services.AddScoped<RenameFunnelHandler>();
        services.AddScoped<AddFunnelStepHandler>();
        services.AddScoped<MoveFunnelStepHandler>();
        services.AddScoped<DuplicateFunnelStepHandler>();
        services.AddScoped<RemoveFunnelStepHandler>();
        services.AddScoped<UpdateFunnelStepHandler>();
        services.AddScoped<AddStepVariantHandler>();
        services.AddScoped<UpdateStepVariantHandler>();
        services.AddScoped<RemoveStepVariantHandler>();
        services.AddScoped<SetStepWeightsHandler>();
        services.AddScoped<StopStepTestHandler>();
        services.AddScoped<UndoFunnelChangeHandler>();
        services.AddScoped<PublishFunnelHandler>();
        services.AddScoped<RollbackFunnelHandler>();
        services.AddScoped<ArchiveFunnelHandler>();
        services.AddScoped<RestoreFunnelHandler>();
        services.AddScoped<Analytics.ReadFunnelAnalyticsHandler>();
        return services;
    }
}
