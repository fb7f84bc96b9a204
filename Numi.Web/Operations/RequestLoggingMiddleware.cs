using System.Diagnostics;
using Numi.Web.Tenancy;

namespace Numi.Web.Operations;

/// <summary>One structured line per request. Only the path is logged: query strings can carry reset and
/// invitation tokens, and headers carry API keys, so neither is written. A request refused for what the client sent
/// (<see cref="ClientFaults"/>) is a Warning that says why, without a stack trace: bad input, not an error.</summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestTenant tenant)
    {
        var started = Stopwatch.GetTimestamp();
        // Read first: the status page re-runs a refused post as a GET.
        var method = context.Request.Method;
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/lib") && !path.StartsWithSegments("/_content"))
            {
                if (ClientFaults.ReasonRefused(context) is { } reason)
                    LogRefused(logger, method, path.Value ?? "/", context.Response.StatusCode, elapsed, reason, tenant.OrganizationId, context.TraceIdentifier);
                else
                    LogRequest(logger, method, path.Value ?? "/", context.Response.StatusCode, elapsed, tenant.OrganizationId, context.TraceIdentifier);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (organization {OrganizationId}, trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs, Guid? organizationId, string traceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP {Method} {Path} refused with {StatusCode} in {ElapsedMs:0.0} ms: {Reason} (organization {OrganizationId}, trace {TraceId})")]
    private static partial void LogRefused(ILogger logger, string method, string path, int statusCode, double elapsedMs, string reason, Guid? organizationId, string traceId);
}
