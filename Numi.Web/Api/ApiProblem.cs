using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Numi.Core.Common;

namespace Numi.Web.Api;

/// <summary>RFC 9457 problem details with Stripe's <c>code</c> and <c>param</c> extensions.</summary>
public static class ApiProblem
{
    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Bad request",
        [401] = "Unauthorized",
        [402] = "Payment required",
        [403] = "Forbidden",
        [404] = "Not found",
        [409] = "Conflict",
        [413] = "Payload too large",
        [415] = "Unsupported media type",
        [422] = "Unprocessable content",
        [429] = "Too many requests",
        [500] = "Internal server error",
    };

    public static ProblemDetails Create(int status, string code, string detail, string? param = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Titles.GetValueOrDefault(status, "Error"),
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
        };
        problem.Extensions["code"] = code;
        if (param is not null) problem.Extensions["param"] = param;
        return problem;
    }

    public static ProblemHttpResult Result(int status, string code, string detail, string? param = null) =>
        TypedResults.Problem(Create(status, code, detail, param));

    /// <summary>Maps a use case's error to its HTTP status: missing resources 404, conflicts 409, bad values 400/422.</summary>
    public static ProblemHttpResult From(Error error) => error.Code switch
    {
        ErrorCodes.CardDeclined or ErrorCodes.AuthenticationRequired => Declined(error),
        ErrorCodes.ResourceMissing => Result(404, error.Code, error.Message, error.Param),
        ErrorCodes.StateConflict or ErrorCodes.VersionConflict => Result(409, error.Code, error.Message, error.Param),
        ErrorCodes.ParameterMissing => Result(400, error.Code, error.Message, error.Param),
        ErrorCodes.Forbidden => Result(403, error.Code, error.Message, error.Param),
        _ => Result(422, error.Code, error.Message, error.Param),
    };

    /// <summary>402 for a payment the card's bank refused, with Stripe's <c>decline_code</c>.</summary>
    private static ProblemHttpResult Declined(Error error)
    {
        var problem = Create(402, error.Code, error.Message, error.Param);
        if (error.DeclineCode is not null) problem.Extensions["decline_code"] = error.DeclineCode;
        return TypedResults.Problem(problem);
    }

    /// <summary>The first error decides the status, code and param; all of them are listed under <c>errors</c> so a
    /// client can show every field's message at once.</summary>
    public static ProblemHttpResult From(IReadOnlyList<Error> errors)
    {
        var first = From(errors[0]);
        if (errors.Count > 1)
            first.ProblemDetails.Extensions["errors"] = errors.Select(e => new { code = e.Code, message = e.Message, param = e.Param }).ToList();
        return first;
    }

    public static Task Write(HttpContext context, int status, string code, string detail, string? param = null)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Create(status, code, detail, param), options: null, contentType: "application/problem+json");
    }
}
