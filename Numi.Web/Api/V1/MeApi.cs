using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Accounts;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;
using Numi.Web.Tenancy;

namespace Numi.Web.Api.V1;

/// <summary>The signed-in person (sign-in cookie only; an API key is an organization's, not a person's): who they are,
/// their organizations, and switching between them.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", ReadAsync).WithName("GetMe")
            .WithSummary("The signed-in person: email, platform-admin status, organizations and the current one. Sign-in cookie only.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/me/organization", SwitchAsync).AcceptsJson<SwitchOrganizationRequest>().WithName("SwitchOrganization")
            .WithSummary("Makes another of the person's organizations the current one and answers the person as now. Sign-in cookie and antiforgery token only.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<MerchantSession>, ProblemHttpResult>> ReadAsync(
        HttpContext http, RequestTenant tenant, NumiDbContext db, IConfiguration configuration, CancellationToken ct)
    {
        if (http.User.UserId() is null) return PersonOnly();
        var standing = new UserStanding(tenant.Memberships, tenant.Memberships.FirstOrDefault(m => m.OrganizationId == tenant.OrganizationId));
        return TypedResults.Ok(await DescribeAsync(http, db, configuration, standing, ct));
    }

    private static async Task<MerchantSession> DescribeAsync(HttpContext http, NumiDbContext db, IConfiguration configuration, UserStanding standing, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstAsync(ct) ?? "";
        return MerchantSessions.Describe(email, TenantMiddleware.IsPlatformAdmin(configuration, http.User), standing, MerchantSessions.PrefersDark(http.Request));
    }

    private static async Task<Results<Ok<MerchantSession>, ProblemHttpResult>> SwitchAsync(
        HttpRequest request, NumiDbContext db, AccessSignals signals, IConfiguration configuration, CancellationToken ct)
    {
        if (request.HttpContext.User.UserId() is not { } userId) return PersonOnly();
        var (body, problem) = await ApiJson.ReadAsync<SwitchOrganizationRequest>(request);
        if (problem is not null) return problem;
        if (body!.OrganizationId is not { } organizationId)
            return ApiProblem.Result(400, Core.Common.ErrorCodes.ParameterMissing, "organization_id is required.", "organization_id");
        if (!await UserTenancy.SwitchAsync(db, signals, userId, organizationId, ct))
            return ApiProblem.Result(404, Core.Common.ErrorCodes.ResourceMissing, "You are not a member of that organization.", "organization_id");
        var standing = await UserTenancy.ReadAsync(db, request.HttpContext.User, ct);
        return TypedResults.Ok(await DescribeAsync(request.HttpContext, db, configuration, standing!, ct));
    }

    private static ProblemHttpResult PersonOnly() =>
        ApiProblem.Result(403, Core.Common.ErrorCodes.Forbidden, "This endpoint is for a signed-in person; an API key acts for its organization only.");
}
