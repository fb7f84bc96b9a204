using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Web.Api.V1;

/// <summary>A subscription started with no checkout, for a customer whose card is saved (Stripe's
/// <c>POST /v1/subscriptions</c> with <c>payment_behavior=allow_incomplete</c>): 201 with the subscription, which is
/// <c>trialing</c> (nothing charged), <c>active</c> (the first period was charged) or <c>incomplete</c> (the first
/// charge was declined; its open invoice is retried like a renewal's and paying it makes the subscription active).</summary>
public static partial class SubscriptionsApi
{
    public sealed class CreateRequest : ActionRequest
    {
        public string? Customer { get; set; }
        public string? Plan { get; set; }
        public string? Price { get; set; }
        public int? Quantity { get; set; }
        public int? TrialPeriodDays { get; set; }
        public string? PaymentMethod { get; set; }
    }

    private static RouteGroupBuilder MapSubscriptionCreation(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions", CreateSubscriptionAsync).AcceptsJson<CreateRequest>().WithName("CreateSubscription")
            .WithSummary("Subscribes a customer with a saved card to a plan or recurring price: in trial (trial_period_days, the plan's by default) "
                + "nothing is charged; otherwise the first period is charged at once, and a declined charge leaves the subscription incomplete.");
        return api;
    }

    private static async Task<Results<Created<SubscriptionResponse>, ProblemHttpResult>> CreateSubscriptionAsync(HttpRequest request,
        CreateSubscriptionHandler handler, BillingDaySuggestions suggestions, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<CreateRequest>(request);
        if (problem is not null) return problem;
        var (command, invalid) = ReadCreate(body!);
        if (invalid is not null) return invalid;
        var created = await handler.HandleAsync(command!, ct);
        if (!created.Succeeded) return ApiProblem.From(created.Errors);
        var subscription = await SubscriptionResponse.ReadAsync(created.Value, suggestions, ct);
        return TypedResults.Created($"/api/v1/subscriptions/{subscription.Id}", subscription);
    }

    private static (CreateSubscription? Command, ProblemHttpResult? Problem) ReadCreate(CreateRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Customer))
            return (null, ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give the customer to subscribe (cus_…).", "customer"));
        if (!PublicId.TryParse(IdPrefixes.Customer, body.Customer.Trim(), out var customer))
            return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "customer must be a customer id (cus_…).", "customer"));
        Guid? plan = null, price = null;
        if (!string.IsNullOrWhiteSpace(body.Plan))
        {
            if (!PublicId.TryParse(IdPrefixes.Plan, body.Plan.Trim(), out var planId))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "plan must be a plan id (plan_…).", "plan"));
            plan = planId;
        }
        if (!string.IsNullOrWhiteSpace(body.Price))
        {
            if (!PublicId.TryParse(IdPrefixes.Price, body.Price.Trim(), out var priceId))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "price must be a price id (price_…).", "price"));
            price = priceId;
        }
        if (plan is null && price is null)
            return (null, ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give the plan (plan_…) or the recurring price (price_…) to subscribe to.", "plan"));
        return (new CreateSubscription(customer.Value, plan, price, body.Quantity ?? 1, body.TrialPeriodDays, body.PaymentMethod, body.Note), null);
    }
}
