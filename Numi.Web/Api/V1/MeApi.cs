using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Accounts;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;
using Numi.Web.Tenancy;

namespace Numi.Web.Api.V1;

/// <summary>The signed-in person (sign-in cookie only, <see cref="ApiPeople"/>): who they are, their organizations, and
/// switching between them.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder people)
    {
        people.MapGet("/me", ReadAsync).WithName("GetMe")
            .WithSummary("The signed-in person: email, platform-admin status, organizations and the current one. Sign-in cookie only.");
        people.MapPost("/me/organization", SwitchAsync).AcceptsJson<SwitchOrganizationRequest>().WithName("SwitchOrganization").NotReplayed()
            .WithSummary("Makes another of the person's organizations the current one and answers the person as now. Sign-in cookie and antiforgery token only.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return people;
    }

    private static async Task<Ok<MerchantSession>> ReadAsync(
        HttpContext http, RequestTenant tenant, NumiDbContext db, IConfiguration configuration, CancellationToken ct)
    {
        var standing = new UserStanding(tenant.Memberships, tenant.Memberships.FirstOrDefault(m => m.OrganizationId == tenant.OrganizationId));
        return TypedResults.Ok(await DescribeAsync(http, db, configuration, standing, ct));
    }

    private static async Task<MerchantSession> DescribeAsync(HttpContext http, NumiDbContext db, IConfiguration configuration, UserStanding standing, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstAsync(ct) ?? "";
        return MerchantSessions.Describe(email, TenantMiddleware.IsPlatformAdmin(configuration, http.User), standing, MerchantSessions.PrefersDark(http.Request),
            http.RequestServices.GetRequiredService<Core.Clocks.ControllableClock>());
    }

    private static async Task<Results<Ok<MerchantSession>, ProblemHttpResult>> SwitchAsync(
        HttpRequest request, NumiDbContext db, AccessSignals signals, IConfiguration configuration, CancellationToken ct)
    {
        var userId = ApiPeople.Person(request.HttpContext);
        var (body, problem) = await ApiJson.ReadAsync<SwitchOrganizationRequest>(request);
        if (problem is not null) return problem;
        if (body!.OrganizationId is not { } organizationId)
            return ApiProblem.Result(400, Core.Common.ErrorCodes.ParameterMissing, "organization_id is required.", "organization_id");
        if (!await UserTenancy.SwitchAsync(db, signals, userId, organizationId, ct))
            return ApiProblem.Result(404, Core.Common.ErrorCodes.ResourceMissing, "You are not a member of that organization.", "organization_id");
        var standing = await UserTenancy.ReadAsync(db, request.HttpContext.User, ct);
        return TypedResults.Ok(await DescribeAsync(request.HttpContext, db, configuration, standing!, ct));
    }
}
