using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Account;
using Numi.Web.Features.Settings;
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

    public sealed class CreateOrganizationRequest
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? DefaultCurrency { get; set; }
        public string? TimeZone { get; set; }
    }

    public static RouteGroupBuilder MapOrganizationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organization", GetOrganizationAsync).WithName("GetOrganization").WithSummary("The organization the API key belongs to.");
        api.MapPost("/organization", UpdateOrganizationAsync).AcceptsJson<UpdateOrganizationRequest>().WithName("UpdateOrganization")
            .WithSummary("Changes the organization's name, default currency or time zone (with the sign-in cookie: owners and admins only).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    /// <summary>A new organization belongs to a person, who becomes its owner: sign-in cookie only (<see cref="ApiPeople"/>).</summary>
    public static RouteGroupBuilder MapNewOrganizationApi(this RouteGroupBuilder people)
    {
        people.MapPost("/organizations", CreateOrganizationAsync).AcceptsJson<CreateOrganizationRequest>().WithName("CreateOrganization").NotReplayed()
            .WithSummary("Creates an organization with the signed-in person as its owner and makes it their current one. Sign-in cookie only.");
        return people;
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
        // A key acts for the organization; a person needs the role the settings page asks for.
        if (request.HttpContext.User.UserId() is not null && !OrganizationSettingsOperations.CanEdit(request.HttpContext.RequestServices))
            return ApiPeople.OwnersOnly(OrganizationSettingsOperations.Refusal);
        var (body, problem) = await ApiJson.ReadAsync<UpdateOrganizationRequest>(request);
        if (problem is not null) return problem;
        var result = await handler.HandleAsync(new UpdateOrganization(body!.Name, body.DefaultCurrency, body.TimeZone), ct);
        return result.Succeeded
            ? TypedResults.Ok(OrganizationResponse.From(result.Value, IsLive(request.HttpContext)))
            : ApiProblem.From(result.FirstError);
    }

    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> CreateOrganizationAsync(HttpRequest request)
    {
        var (body, problem) = await ApiJson.ReadAsync<CreateOrganizationRequest>(request);
        if (problem is not null) return problem;
        var input = new OrganizationInput { Name = body!.Name ?? "", Slug = body.Slug ?? "", DefaultCurrency = body.DefaultCurrency ?? "", TimeZone = body.TimeZone ?? "" };
        var result = await NewOrganizationOperations.CreateAsync(request.HttpContext.RequestServices, input, ApiPeople.Person(request.HttpContext));
        return result.Succeeded ? TypedResults.Ok(OrganizationResponse.From(result.Value, livemode: false)) : ApiProblem.From(result.Errors);
    }

    internal static bool IsLive(HttpContext http) => http.User.FindFirst(NumiClaims.ApiKeyMode)?.Value == "live";
}
