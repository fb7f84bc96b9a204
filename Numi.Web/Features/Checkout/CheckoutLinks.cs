using Numi.Core.Checkout;

namespace Numi.Web;

/// <summary>Where shoppers pay: a session's own page, resumable from its link.</summary>
public static class CheckoutLinks
{
    public static string SessionPath(CheckoutSession session) => $"/checkout/{session.PublicId}";

    public static string SessionUrl(HttpRequest request, CheckoutSession session) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{SessionPath(session)}";
}
