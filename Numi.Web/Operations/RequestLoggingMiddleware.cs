using System.Diagnostics;
using Numi.Web.Tenancy;

namespace Numi.Web.Operations;

/// <summary>One structured line per request. Only the path is logged: query strings can carry reset and
/// invitation tokens, and headers carry API keys, so neither is written.</summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestTenant tenant)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!context.Request.Path.StartsWithSegments("/lib") && !context.Request.Path.StartsWithSegments("/_content"))
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, elapsed, tenant.OrganizationId, context.TraceIdentifier);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (organization {OrganizationId}, trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs, Guid? organizationId, string traceId);
}
