using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Settings;

namespace Numi.Web.Api.V1;

/// <summary>The organization's members (<c>mem_…</c>), for a signed-in person (<see cref="ApiPeople"/>). Every member
/// sees them, as on the members page; only owners change a role or remove someone. The writes run the page's own
/// operations, so the rules (owners only, an organization keeps an owner, a removed person's open pages are told)
/// cannot differ between the page and the API.</summary>
public static class MembersApi
{
    public sealed record MemberResponse(string Id, string Email, string Name, OrganizationRole Role, long Created)
    {
        public string Object => "member";

        public static MemberResponse From(MemberRow m) =>
            new(PublicId.Format(IdPrefixes.Member, m.Id), m.Email ?? "", m.DisplayName, m.Role, m.CreatedAt.ToUnixSeconds());
    }

    /// <summary>Stripe's answer to a deletion.</summary>
    public sealed record DeletedMemberResponse(string Id, bool Deleted)
    {
        public string Object => "member";
    }

    public sealed class UpdateMemberRequest
    {
        public OrganizationRole? Role { get; set; }
    }

    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder people)
    {
        people.MapGet("/members", ListMembersAsync).WithName("ListMembers").WithSummary("The organization's members, newest first. Sign-in cookie only.");
        people.MapGet("/members/{id}", GetMemberAsync).WithName("GetMember");
        people.MapPost("/members/{id}", UpdateMemberAsync).AcceptsJson<UpdateMemberRequest>().WithName("UpdateMember")
            .WithSummary("Changes a member's role (owner, admin or member). Owners only; the organization keeps at least one owner.");
        people.MapDelete("/members/{id}", RemoveMemberAsync).WithName("RemoveMember")
            .WithSummary("Removes a member from the organization (their account stays). Owners only; never the last owner.");
        return people;
    }

    private static Task<Results<Ok<ApiList<MemberResponse>>, ProblemHttpResult>> ListMembersAsync(HttpRequest request, NumiDbContext db, CancellationToken ct) =>
        ApiPaging.PageAsync(request, MemberOperations.Rows(db), IdPrefixes.Member, "/api/v1/members", MemberResponse.From, ct);

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetMemberAsync(string id, NumiDbContext db, CancellationToken ct) =>
        await FindAsync(db, id, ct) is { } member ? TypedResults.Ok(MemberResponse.From(member)) : NoSuchMember(id);

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> UpdateMemberAsync(string id, HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Member, id, out var key)) return NoSuchMember(id);
        var (body, problem) = await ApiJson.ReadAsync<UpdateMemberRequest>(request);
        if (problem is not null) return problem;
        if (body!.Role is not { } role) return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "role is required: owner, admin or member.", "role");
        var result = await MemberOperations.ChangeRoleAsync(request.HttpContext.RequestServices, key.Value, role);
        if (!result.Succeeded) return Refused(result.Errors, id);
        return TypedResults.Ok(MemberResponse.From((await FindAsync(db, id, ct))!));
    }

    private static async Task<Results<Ok<DeletedMemberResponse>, ProblemHttpResult>> RemoveMemberAsync(string id, HttpContext http)
    {
        if (!PublicId.TryParse(IdPrefixes.Member, id, out var key)) return NoSuchMember(id);
        var result = await MemberOperations.RemoveAsync(http.RequestServices, key.Value);
        return result.Succeeded ? TypedResults.Ok(new DeletedMemberResponse(id, Deleted: true)) : Refused(result.Errors, id);
    }

    /// <summary>Core's "no such member" names no field; the API's names the id, as everywhere else.</summary>
    private static ProblemHttpResult Refused(IReadOnlyList<Error> errors, string id) =>
        errors[0].Code == ErrorCodes.ResourceMissing ? NoSuchMember(id) : ApiProblem.From(errors);

    private static async Task<MemberRow?> FindAsync(NumiDbContext db, string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Member, id, out var key) ? await MemberOperations.Rows(db).FirstOrDefaultAsync(m => m.Id == key, ct) : null;

    private static ProblemHttpResult NoSuchMember(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such member: '{id}'.", "id");
}
