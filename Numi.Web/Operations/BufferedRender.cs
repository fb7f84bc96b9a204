namespace Numi.Web.Operations;

/// <summary>For the middlewares that keep rendered pages in memory (the checkout's, a funnel's first view and checkout
/// step): runs the rest of the pipeline into a buffer, sends what it wrote, and gives back those bytes; and sends a
/// funnel's kept page.</summary>
internal static class BufferedRender
{
    /// <summary>Answers a funnel's page kept in memory: 200 with its bytes, content type and content security policy.
    /// <c>no-store</c>, because the request that answers it also sets the visitor's own cookies: no shared cache may keep it.</summary>
    public static Task SendFunnelPageAsync(HttpContext http, byte[] body, string contentType, string? contentSecurityPolicy)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        if (contentSecurityPolicy is not null) response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        return response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    public static async Task<byte[]> RunAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var body = buffer.ToArray();
        if (body.Length > 0) await original.WriteAsync(body, http.RequestAborted);
        return body;
    }
}
