using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Web.Api.V1;

/// <summary>A change of plan: <c>preview_change</c> answers the proration Stripe's rule gives (nothing is written),
/// <c>change_plan</c> confirms it. Send the preview's <c>proration_date</c> back with the confirmation to be charged
/// exactly what was shown; a confirmation repeated with it finds the first one's invoice and charges nothing more.</summary>
public static partial class SubscriptionsApi
{
    public sealed class PlanChangeRequest : ActionRequest
    {
        public string? Plan { get; set; }
        public int? Quantity { get; set; }
        /// <summary>Unix seconds: the preview's, within the last hour.</summary>
        public long? ProrationDate { get; set; }
    }

    public sealed record PeriodResponse(long Start, long End);

    public sealed record ProrationLineResponse(string Description, long Amount, PeriodResponse Period);

    public sealed record ProrationLineList(IReadOnlyList<ProrationLineResponse> Data)
    {
        public string Object => "list";
    }

    /// <param name="Amount">What one period of the new plan costs for the quantity, from the next renewal on.</param>
    /// <param name="Total">Positive: charged at once on a proration invoice. Negative: credited to the subscription and
    /// taken by its next renewals.</param>
    public sealed record PlanChangePreviewResponse(string Subscription, string Plan, string Currency, int Quantity, long Amount,
        ProrationLineList Lines, long Subtotal, CheckoutSessionsApi.TaxResponse? Tax, long AmountTax, long Total, long ProrationDate, long NextRenewalAt)
    {
        public string Object => "plan_change_preview";

        public static PlanChangePreviewResponse From(PlanChangeQuote q) => new(q.Subscription.PublicId, q.Plan.PublicId, q.Currency, q.Quantity, q.Amount,
            new ProrationLineList([.. q.Proration.Lines.Select(l => new ProrationLineResponse(l.Description, l.Amount, new PeriodResponse(l.From.ToUnixSeconds(), l.To.ToUnixSeconds())))]),
            q.Subtotal, CheckoutSessionsApi.TaxResponse.From(q.Tax?.Name, q.Tax?.RatePpm, q.Tax?.Inclusive ?? false), q.AmountTax, q.Total,
            q.ProrationDate.ToUnixSeconds(), q.NextRenewalAt.ToUnixSeconds());
    }

    /// <param name="Invoice">The proration invoice the change was charged on; null when it cost nothing or was credited.</param>
    /// <param name="CreditBalance">Credit the next renewals take first (minor units).</param>
    public sealed record PlanChangeResponse(SubscriptionResponse Subscription, string? Invoice, long CreditBalance)
    {
        public string Object => "plan_change";
    }

    private static RouteGroupBuilder MapPlanChanges(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions/{id}/preview_change", PreviewChangeAsync).AcceptsJson<PlanChangeRequest>().WithName("PreviewSubscriptionPlanChange")
            .WithSummary("What moving to another plan would cost now: the proration lines, tax, total and the next full renewal. Writes nothing.");
        api.MapPost("/subscriptions/{id}/change_plan", ChangePlanAsync).AcceptsJson<PlanChangeRequest>().WithName("ChangeSubscriptionPlan")
            .WithSummary("Moves to another plan: a positive total is charged at once (402 and nothing changed when declined), a negative one credited to the next renewals.");
        return api;
    }

    private static async Task<Results<Ok<PlanChangePreviewResponse>, ProblemHttpResult>> PreviewChangeAsync(string id, HttpRequest request,
        PreviewPlanChangeHandler handler, CancellationToken ct)
    {
        var (command, problem) = await ReadPlanChangeAsync(id, request);
        if (problem is not null) return problem;
        var quote = await handler.HandleAsync(new PreviewPlanChange(command!.Id, command.PlanId, command.Quantity, command.ProrationDate), ct);
        return quote.Succeeded ? TypedResults.Ok(PlanChangePreviewResponse.From(quote.Value)) : PlanChangeProblem(quote.Errors, id);
    }

    private static async Task<Results<Ok<PlanChangeResponse>, ProblemHttpResult>> ChangePlanAsync(string id, HttpRequest request,
        ChangePlanHandler handler, BillingDaySuggestions suggestions, CancellationToken ct)
    {
        var (command, problem) = await ReadPlanChangeAsync(id, request);
        if (problem is not null) return problem;
        var changed = await handler.HandleAsync(command!, ct);
        if (!changed.Succeeded) return PlanChangeProblem(changed.Errors, id);
        var (subscription, invoice) = changed.Value;
        return TypedResults.Ok(new PlanChangeResponse(await SubscriptionResponse.ReadAsync(subscription, suggestions, ct), invoice?.PublicId, subscription.CreditBalance));
    }

    private static async Task<(ChangePlan? Command, ProblemHttpResult? Problem)> ReadPlanChangeAsync(string id, HttpRequest request)
    {
        if (!PublicId.TryParse(IdPrefixes.Subscription, id, out var key)) return (null, NoSuchSubscription(id));
        var (body, problem) = await ApiJson.ReadAsync<PlanChangeRequest>(request);
        if (problem is not null) return (null, problem);
        if (string.IsNullOrWhiteSpace(body!.Plan)) return (null, ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give the plan to change to (plan_…).", "plan"));
        if (!PublicId.TryParse(IdPrefixes.Plan, body.Plan.Trim(), out var plan))
            return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "plan must be a plan id (plan_…).", "plan"));
        DateTime? prorationDate = body.ProrationDate is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799)).UtcDateTime
            : null;
        return (new ChangePlan(key.Value, plan.Value, body.Quantity, prorationDate, body.Note), null);
    }

    /// <summary>An unknown subscription is the usual 404; an unknown plan (or another organization's) is a 404 naming
    /// <c>plan</c>; refusals are 400 or 409, declines 402.</summary>
    private static ProblemHttpResult PlanChangeProblem(IReadOnlyList<Error> errors, string id) =>
        errors[0] is { Code: ErrorCodes.ResourceMissing, Param: "id" } ? NoSuchSubscription(id) : ApiProblem.From(errors);
}
