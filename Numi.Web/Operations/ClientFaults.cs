using Microsoft.AspNetCore.Diagnostics;

namespace Numi.Web.Operations;

/// <summary>Requests refused for what the client sent (a form that cannot be read, a post from another site or from a
/// browser the checkout is not bound to): bad input, not a fault of Numi's. A refusal answers its status with no body,
/// so the status page explains it; the request's one log line says why, at Warning and without a stack trace
/// (<see cref="RequestLoggingMiddleware"/>). Exceptions the client caused get the same treatment from the exception
/// handler (<see cref="HandlerOptions"/>).</summary>
public static class ClientFaults
{
    private sealed record Refusal(string Reason);

    public static void Refuse(HttpContext http, int status, string reason)
    {
        http.Response.StatusCode = status;
        http.Features.Set(new Refusal(reason));
    }

    /// <summary>Why the request was refused as the client's fault; null when it was not.</summary>
    public static string? ReasonRefused(HttpContext http) =>
        http.Features.Get<Refusal>()?.Reason
        ?? (http.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && StatusFor(error) is not null ? $"{error.GetType().Name}: {error.Message}" : null);

    /// <summary>The status answering an exception the client caused (a body the server cannot read, a form ASP.NET
    /// refuses, such as one with a NUL in a field or too many fields); null for any other exception, a fault.</summary>
    public static int? StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>The exception handler's options: an exception the client caused answers its 4xx and is not logged as an
    /// error (its request's line says why); any other is a 500, logged with its stack trace.</summary>
    public static ExceptionHandlerOptions HandlerOptions(string? errorPath) => new()
    {
        ExceptionHandlingPath = errorPath is null ? null : new PathString(errorPath),
        CreateScopeForErrors = errorPath is not null,
        StatusCodeSelector = exception => StatusFor(exception) ?? StatusCodes.Status500InternalServerError,
        SuppressDiagnosticsCallback = context => StatusFor(context.Exception) is not null,
    };
}
