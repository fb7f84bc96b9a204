using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Web.Features.Settings;

namespace Numi.Web.Api.V1;

/// <summary>Pending invitations (<c>invite_…</c>), for a signed-in person (<see cref="ApiPeople"/>): every member sees
/// them, as on the members page; only owners invite, through the page's own operation (Core's checks, and the email
/// with the link on Numi's public origin). The link's secret is only mailed, never answered.</summary>
public static class InvitationsApi
{
    public sealed record InvitationResponse(string Id, string Email, OrganizationRole Role, long ExpiresAt, long Created)
    {
        public string Object => "invitation";

        public static InvitationResponse From(Invitation i) =>
            new(PublicId.Format(IdPrefixes.Invitation, i.Id), i.Email, i.Role, i.ExpiresAt.ToUnixSeconds(), i.CreatedAt.ToUnixSeconds());
    }

    public sealed class InviteRequest
    {
        public string? Email { get; set; }
        /// <summary>member (the default), admin or owner.</summary>
        public OrganizationRole? Role { get; set; }
    }

    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder people)
    {
        people.MapGet("/invitations", ListInvitationsAsync).WithName("ListInvitations")
            .WithSummary("Invitations not yet accepted, withdrawn or expired, newest first. Sign-in cookie only.");
        people.MapPost("/invitations", InviteAsync).AcceptsJson<InviteRequest>().WithName("CreateInvitation")
            .WithSummary("Invites someone by email (role member, admin or owner); they get a link valid for 7 days. Owners only.");
        return people;
    }

    private static Task<Results<Ok<ApiList<InvitationResponse>>, ProblemHttpResult>> ListInvitationsAsync(HttpRequest request, CancellationToken ct) =>
        ApiPaging.PageAsync(request, MemberOperations.PendingInvitations(request.HttpContext.RequestServices), IdPrefixes.Invitation,
            "/api/v1/invitations", InvitationResponse.From, ct);

    private static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> InviteAsync(HttpRequest request)
    {
        var (body, problem) = await ApiJson.ReadAsync<InviteRequest>(request);
        if (problem is not null) return problem;
        var result = await MemberOperations.InviteAsync(request.HttpContext.RequestServices, body!.Email, body.Role ?? OrganizationRole.Member,
            ApiPeople.Person(request.HttpContext));
        return result.Succeeded ? TypedResults.Ok(InvitationResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }
}
