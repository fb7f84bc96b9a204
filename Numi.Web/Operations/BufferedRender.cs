namespace Numi.Web.Operations;

/// <summary>For the middlewares that keep rendered pages in memory (the checkout's, a funnel's first view and checkout
/// step): runs the rest of the pipeline into a buffer, sends what it wrote, and gives back those bytes.</summary>
internal static class BufferedRender
{
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
