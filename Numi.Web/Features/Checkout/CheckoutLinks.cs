using Numi.Core.Checkout;
using Numi.Web.Operations;

namespace Numi.Web;

/// <summary>Where shoppers pay: a session's own page, resumable from its link.</summary>
public static class CheckoutLinks
{
    public static string SessionPath(CheckoutSession session) => $"/checkout/{session.PublicId}";

    public static string SessionUrl(PublicOrigin origin, CheckoutSession session) => origin.Absolute(SessionPath(session));
}
