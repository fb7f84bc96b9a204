using Numi.Core.Checkout;

namespace Numi.Web.Features.Checkout;

/// <summary>A funnel's checkout step showing an offer's checkout page inside the funnel's own (<see cref="CheckoutPage"/>
/// with <c>Funnel</c> set): the page is the offer's link page, without a session, and the shopper's first post opens the
/// session as the link's does. <paramref name="StartedAsync"/> ties that session to the funnel session before anything is
/// charged (so the order is the funnel's), once per session opened; once paid the shopper goes to
/// <paramref name="PaidPath"/>. A member's <paramref name="Preview"/> of the draft shows the form and opens nothing.</summary>
public sealed record FunnelCheckout(Guid OfferId, bool Preview, string PaidPath, Func<CheckoutSession, Task> StartedAsync)
{
    public const string PreviewRefusal = "This is a preview of the draft: nothing can be bought here.";
}
