using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Api.V1;

public static class OrganizationApi
{
    public sealed record OrganizationResponse(string Id, string Name, string Slug, string DefaultCurrency, string TimeZone, long Created, bool Livemode)
    {
        public string Object => "organization";

        public static OrganizationResponse From(Organization o, bool livemode) =>
            new(o.PublicId, o.Name, o.Slug, o.DefaultCurrency, o.TimeZone, new DateTimeOffset(o.CreatedAt).ToUnixTimeSeconds(), livemode);
    }

    public sealed class UpdateOrganizationRequest
    {
        public string? Name { get; set; }
        public string? DefaultCurrency { get; set; }
        public string? TimeZone { get; set; }
    }

    public static RouteGroupBuilder MapOrganizationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organization", GetOrganizationAsync).WithName("GetOrganization").WithSummary("The organization the API key belongs to.");
        api.MapPost("/organization", UpdateOrganizationAsync).AcceptsJson<UpdateOrganizationRequest>().WithName("UpdateOrganization")
            .WithSummary("Changes the organization's name, default currency or time zone.");
        return api;
    }

    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganizationAsync(
        NumiDbContext db, HttpContext http, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct);
        return organization is null
            ? ApiProblem.Result(404, Core.Common.ErrorCodes.ResourceMissing, "The organization does not exist.")
            : TypedResults.Ok(OrganizationResponse.From(organization, IsLive(http)));
    }

    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> UpdateOrganizationAsync(
        HttpRequest request, UpdateOrganizationHandler handler, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<UpdateOrganizationRequest>(request);
        if (problem is not null) return problem;
        var result = await handler.HandleAsync(new UpdateOrganization(body!.Name, body.DefaultCurrency, body.TimeZone), ct);
        return result.Succeeded
            ? TypedResults.Ok(OrganizationResponse.From(result.Value, IsLive(request.HttpContext)))
            : ApiProblem.From(result.FirstError);
    }

    internal static bool IsLive(HttpContext http) => http.User.FindFirst(NumiClaims.ApiKeyMode)?.Value == "live";
}
