using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Web.Tenancy;

namespace Numi.Web.Api;

/// <summary>Endpoints for a signed-in person only: the person themselves, their organizations, the organization's people
/// (members, invitations) and what the pages keep for owners (API keys, the Stripe connection, webhook events). An API
/// key acts for its organization's business, not for a person: it gets 403 here, so a leaked key cannot mint keys that
/// outlive it, reroute payments to another Stripe account or read who works in the organization.</summary>
public static class ApiPeople
{
    public const string KeyRefusal = "This endpoint is for a signed-in person; an API key acts for its organization only.";

    /// <summary>Refuses an API key (403) before the handler runs, and says so in the OpenAPI document.</summary>
    public static RouteGroupBuilder ForPeopleOnly(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.User.UserId() is null ? KeyRefused() : await next(context));
        return group.ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The signed-in person of a request that passed <see cref="ForPeopleOnly"/>.</summary>
    public static Guid Person(HttpContext http) =>
        http.User.UserId() ?? throw new InvalidOperationException("A person-only endpoint ran without a signed-in person.");

    public static ProblemHttpResult KeyRefused() => ApiProblem.Result(StatusCodes.Status403Forbidden, Core.Common.ErrorCodes.Forbidden, KeyRefusal);

    /// <summary>What a page keeps for owners, refused to anyone else with the page's own words.</summary>
    public static ProblemHttpResult OwnersOnly(string refusal) => ApiProblem.Result(StatusCodes.Status403Forbidden, Core.Common.ErrorCodes.Forbidden, refusal);
}
