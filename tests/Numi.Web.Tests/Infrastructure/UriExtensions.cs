namespace Numi.Web.Tests.Infrastructure;

public static class UriExtensions
{
    /// <summary>The path and query of a Location header, whether the server sent it absolute or relative.</summary>
    public static string PathAndQueryOrOriginal(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
