using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Numi.Web.Operations;

/// <summary>Checks a post to a page or form endpoint (one carrying antiforgery metadata: every Razor page, the account
/// endpoints; not the API or the webhooks) before it runs. It must come from Numi's own pages: an <c>Origin</c> (else a
/// <c>Referer</c>) naming another host, or <c>Sec-Fetch-Site: cross-site</c>, is refused with 403; none at all is
/// allowed (not every client sends them). It must be a form (415 otherwise) that can be read (400 otherwise: a NUL in
/// a value, a multipart body that is not multipart; 413 when too large). The form is read here once, and the page and
/// antiforgery then read it from memory.</summary>
/// <remarks>The host is compared, not the scheme, so a proxy that ends TLS in front of Numi changes nothing; the public
/// address (<see cref="PublicOrigin"/>) counts as Numi's own too, for a proxy that sends its own Host.</remarks>
internal sealed class FormPostGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, PublicOrigin publicOrigin)
    {
        if (!Guarded(http))
        {
            await next(http);
            return;
        }
        var refusal = FromAnotherSite(http.Request, publicOrigin.Authority)
            ?? (http.Request.HasFormContentType ? await ReadFormAsync(http) : (StatusCodes.Status415UnsupportedMediaType, $"not a form ({http.Request.ContentType})"));
        if (refusal is var (status, reason))
        {
            ClientFaults.Refuse(http, status, reason);
            return;
        }
        await next(http);
    }

    /// <summary>A request that may change something, to a form endpoint, as the client sent it (not the error page's re-run).</summary>
    private static bool Guarded(HttpContext http) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        && http.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is not null
        && http.Features.Get<IExceptionHandlerFeature>() is null;

    private static (int, string)? FromAnotherSite(HttpRequest request, string publicAuthority)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
            return (StatusCodes.Status403Forbidden, "posted from another site (Sec-Fetch-Site: cross-site)");
        var (header, source) = request.Headers.Origin.Count > 0 ? ("Origin", request.Headers.Origin.ToString()) : ("Referer", request.Headers.Referer.ToString());
        if (source.Length == 0 || (Uri.TryCreate(source, UriKind.Absolute, out var uri)
                && (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) || string.Equals(uri.Authority, publicAuthority, StringComparison.OrdinalIgnoreCase))))
            return null;
        return (StatusCodes.Status403Forbidden, $"posted from another site ({header}: {(source.Length > 100 ? source[..100] : source)})");
    }

    private static async Task<(int, string)?> ReadFormAsync(HttpContext http)
    {
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
            return null;
        }
        // A multipart body that ends early throws a plain IOException; every failure here comes from the body sent.
        catch (Exception error) when (error is InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            return (ClientFaults.StatusFor(error) ?? StatusCodes.Status400BadRequest, $"the form could not be read ({error.GetType().Name}: {error.Message})");
        }
    }
}
