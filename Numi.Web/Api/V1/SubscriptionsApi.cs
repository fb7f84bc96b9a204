using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>Subscriptions, shaped like Stripe's: one item per subscription holding the price as it was sold. The
/// merchant's actions (cancel, pause, quantity…) and the timeline are in <c>SubscriptionsApi.Actions.cs</c>, creating
/// one without a checkout in <c>SubscriptionsApi.Create.cs</c>.</summary>
public static partial class SubscriptionsApi
{
    public sealed record RecurringResponse(string Interval, int IntervalCount);

    public sealed record PriceSnapshot(string Id, string Product, long UnitAmount, string Currency, RecurringResponse Recurring);

    /// <param name="Price">The price as sold: <c>unit_amount</c> is what one period costs per unit of the quantity.</param>
    public sealed record ItemResponse(PriceSnapshot Price, int Quantity, long Amount);

    public sealed record ItemList(IReadOnlyList<ItemResponse> Data)
    {
        public string Object => "list";
    }

    /// <summary>A better day of the month to bill on, and why (<see cref="BillingDaySuggestions"/>).</summary>
    public sealed record SuggestedBillingDayResponse(int Day, string Reason);

    /// <param name="Order">The checkout's order that started it; null for one the API started.</param>
    /// <param name="NeedsReview">Flagged for the merchant's review after the last retry (manual_review) until marked
    /// reviewed or the invoice is paid; <paramref name="ReviewRequestedAt"/> and <paramref name="ReviewReason"/> say when and why.</param>
    /// <param name="SuggestedBillingDay">When the plan lets Numi suggest a billing date and the customer's learned payday
    /// supports it: the day and the reason; null otherwise.</param>
    public sealed record SubscriptionResponse(string Id, string Status, string Customer, string? Order, string Currency, ItemList Items,
        long CurrentPeriodStart, long CurrentPeriodEnd, int? CancelAfterCycles, int CyclesPaid, string Description, long Created,
        bool CancelAtPeriodEnd, long? CanceledAt, long? EndedAt, long? PausedAt, string? DefaultPaymentMethod,
        SuggestedBillingDayResponse? SuggestedBillingDay, bool NeedsReview, long? ReviewRequestedAt, string? ReviewReason)
    {
        public string Object => "subscription";

        /// <summary>The subscription with its billing-day suggestion read.</summary>
        public static async Task<SubscriptionResponse> ReadAsync(Subscription s, BillingDaySuggestions suggestions, CancellationToken ct) =>
            From(s, await suggestions.ForAsync(s, ct) is { } suggested ? new SuggestedBillingDayResponse(suggested.Day, suggested.Reason) : null);

        private static SubscriptionResponse From(Subscription s, SuggestedBillingDayResponse? suggested)
        {
            var interval = ApiJson.Name(s.Interval);
            var price = new PriceSnapshot(PublicId.Format(IdPrefixes.Price, s.PriceId), PublicId.Format(IdPrefixes.Product, s.ProductId),
                s.Amount / Math.Max(1, s.Quantity), s.Currency, new RecurringResponse(interval, s.IntervalCount));
            return new SubscriptionResponse(s.PublicId, ApiJson.Name(s.Status), PublicId.Format(IdPrefixes.Customer, s.CustomerId),
                s.OrderId is { } order ? PublicId.Format(IdPrefixes.Order, order) : null, s.Currency, new ItemList([new ItemResponse(price, s.Quantity, s.Amount)]),
                s.CurrentPeriodStart.ToUnixSeconds(), s.CurrentPeriodEnd.ToUnixSeconds(), s.CancelAfterCycles, s.CyclesPaid, s.Description,
                s.CreatedAt.ToUnixSeconds(), s.CancelAtPeriodEnd, s.CanceledAt?.ToUnixSeconds(), s.EndedAt?.ToUnixSeconds(), s.PausedAt?.ToUnixSeconds(),
                s.PaymentMethod, suggested, s.NeedsReview, s.ReviewRequestedAt?.ToUnixSeconds(), s.ReviewReason);
        }
    }

    public static RouteGroupBuilder MapSubscriptionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/subscriptions", ListSubscriptionsAsync).WithName("ListSubscriptions")
            .WithSummary("Subscriptions, newest first; ?customer=, ?status= and ?needs_review= (true or false) filter.");
        api.MapGet("/subscriptions/{id}", GetSubscriptionAsync).WithName("GetSubscription");
        return api.MapSubscriptionCreation().MapSubscriptionActions().MapPlanChanges();
    }

    private static async Task<Results<Ok<ApiList<SubscriptionResponse>>, ProblemHttpResult>> ListSubscriptionsAsync(HttpRequest request, NumiDbContext db,
        BillingDaySuggestions suggestions, CancellationToken ct)
    {
        var subscriptions = db.Subscriptions.AsNoTracking();
        var customer = request.Query["customer"].ToString();
        if (customer.Length > 0)
        {
            if (!PublicId.TryParse(IdPrefixes.Customer, customer, out var customerId))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "customer must be a customer id (cus_…).", "customer");
            subscriptions = subscriptions.Where(s => s.CustomerId == customerId);
        }
        var status = request.Query["status"].ToString();
        if (status.Length > 0)
        {
            var wanted = Enum.GetValues<SubscriptionStatus>().Cast<SubscriptionStatus?>().FirstOrDefault(s => ApiJson.Name(s!.Value) == status);
            if (wanted is null)
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "status must be one of: " + string.Join(", ", Enum.GetValues<SubscriptionStatus>().Select(ApiJson.Name)) + ".", "status");
            subscriptions = subscriptions.Where(s => s.Status == wanted.Value);
        }
        var needsReview = request.Query["needs_review"].ToString();
        if (needsReview.Length > 0)
        {
            if (needsReview is not ("true" or "false"))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "needs_review must be true or false.", "needs_review");
            subscriptions = subscriptions.NeedingReview(needsReview == "true");
        }
        return await ApiPaging.PageAsync(request, subscriptions, IdPrefixes.Subscription, "/api/v1/subscriptions",
            (s, token) => SubscriptionResponse.ReadAsync(s, suggestions, token), ct);
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetSubscriptionAsync(string id, NumiDbContext db,
        BillingDaySuggestions suggestions, CancellationToken ct)
    {
        var subscription = PublicId.TryParse(IdPrefixes.Subscription, id, out var key)
            ? await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key, ct)
            : null;
        return subscription is null
            ? NoSuchSubscription(id)
            : TypedResults.Ok(await SubscriptionResponse.ReadAsync(subscription, suggestions, ct));
    }
}
