using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Numi.Web.Api.V1;
using Numi.Web.Auth;
using Numi.Web.Tenancy;

namespace Numi.Web.Api;

public static class ApiSetup
{
    public const string RateLimitPolicy = "api";

    public static IServiceCollection AddNumiApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = ApiJson.Options.PropertyNamingPolicy;
            foreach (var converter in ApiJson.Options.Converters) options.SerializerOptions.Converters.Add(converter);
        });
        services.AddOpenApi("v1", options => options.DescribeBodies().DescribeProblemExtensions());

        var perSecond = configuration.GetValue("Numi:Api:RequestsPerSecond", 25);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(NumiClaims.ApiKeyId)?.Value ?? (http.User.UserId() is { } user ? $"user:{user}" : "anonymous"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await ApiProblem.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate_limited",
                    $"Too many requests: a key (or a signed-in person) may make {perSecond} requests per second. Retry after a second.");
            };
        });
        return services;
    }

    public static void MapNumiApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("v1")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DescribeProblems();
        var people = api.MapGroup("").ForPeopleOnly();
        people.MapMeApi();
        people.MapNewOrganizationApi();
        people.MapMembersApi();
        people.MapInvitationsApi();
        people.MapApiKeysApi();
        people.MapStripeConnectionApi();
        people.MapWebhookEventsApi();
        api.MapDashboardApi();
        api.MapReportsApi();
        api.MapOrganizationApi();
        api.MapProductsApi();
        api.MapPricesApi();
        api.MapOffersApi();
        api.MapOfferCanvasApi();
        api.MapFunnelsApi();
        api.MapFunnelStatsApi();
        api.MapCheckoutSessionsApi();
        api.MapDiscountCodesApi();
        api.MapOrdersApi();
        api.MapCustomersApi();
        api.MapTaxRatesApi();
        api.MapSubscriptionsApi();
        api.MapPlansApi();
        api.MapInvoicesApi();
        api.MapFallback(() => ApiProblem.Result(404, Core.Common.ErrorCodes.ResourceMissing, "Unrecognized request URL.")).ExcludeFromDescription();
    }
}
