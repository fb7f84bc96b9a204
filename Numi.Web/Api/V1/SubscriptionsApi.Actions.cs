using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>The merchant's actions on a subscription, each one a transition of the entity with a row in its timeline.
/// A transition the status does not allow is a 409 naming why; another organization's id is a 404.</summary>
public static partial class SubscriptionsApi
{
    /// <summary>The body of every action: <c>note</c> (who asked, why) goes into the timeline.</summary>
    public class ActionRequest
    {
        public string? Note { get; set; }
    }

    public sealed class CancelRequest : ActionRequest
    {
        public bool? AtPeriodEnd { get; set; }
    }

    public sealed class UpdateRequest : ActionRequest
    {
        private int? _cancelAfterCycles;

        public int? Quantity { get; set; }

        /// <summary>The paid periods after which the subscription ends; <c>null</c> removes the limit, leaving it out
        /// leaves the limit as it is.</summary>
        public int? CancelAfterCycles
        {
            get => _cancelAfterCycles;
            set
            {
                _cancelAfterCycles = value;
                CancelAfterCyclesGiven = true;
            }
        }

        /// <summary>Whether the body named <c>cancel_after_cycles</c> (null included).</summary>
        [JsonIgnore] public bool CancelAfterCyclesGiven { get; private set; }
    }

    public sealed class PaymentMethodRequest : ActionRequest
    {
        public string? PaymentMethod { get; set; }
    }

    public sealed record EventResponse(string Id, string Subscription, string Type, string FromStatus, string ToStatus, string? Detail, string? Note, long Created)
    {
        public string Object => "subscription_event";

        public static EventResponse From(SubscriptionEvent e) => new(e.PublicId, PublicId.Format(IdPrefixes.Subscription, e.SubscriptionId),
            ApiJson.Name(e.Type), ApiJson.Name(e.FromStatus), ApiJson.Name(e.ToStatus), e.Detail, e.Note, e.CreatedAt.ToUnixSeconds());
    }

    private static RouteGroupBuilder MapSubscriptionActions(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions/{id}", UpdateSubscriptionAsync).AcceptsJson<UpdateRequest>().WithName("UpdateSubscription")
            .WithSummary("Changes the quantity (the new amount applies from the next period), or sets cancel_after_cycles: the paid periods after which the subscription ends (null removes the limit).");
        api.MapPost("/subscriptions/{id}/cancel", CancelSubscriptionAsync).AcceptsJson<CancelRequest>().WithName("CancelSubscription")
            .WithSummary("Cancels now, or with at_period_end=true when the current period ends.");
        api.MapPost("/subscriptions/{id}/undo_cancel", (string id, HttpRequest request, ChangeSubscriptionHandler handler, CancellationToken ct) =>
            ActAsync(id, request, handler, SubscriptionAction.UndoCancel, ct)).AcceptsJson<ActionRequest>().WithName("UndoCancelSubscription")
            .WithSummary("Keeps a subscription that was set to cancel at the period's end.");
        api.MapPost("/subscriptions/{id}/pause", (string id, HttpRequest request, ChangeSubscriptionHandler handler, CancellationToken ct) =>
            ActAsync(id, request, handler, SubscriptionAction.Pause, ct)).AcceptsJson<ActionRequest>().WithName("PauseSubscription");
        api.MapPost("/subscriptions/{id}/resume", (string id, HttpRequest request, ChangeSubscriptionHandler handler, CancellationToken ct) =>
            ActAsync(id, request, handler, SubscriptionAction.Resume, ct)).AcceptsJson<ActionRequest>().WithName("ResumeSubscription");
        api.MapPost("/subscriptions/{id}/mark_reviewed", (string id, HttpRequest request, ChangeSubscriptionHandler handler, CancellationToken ct) =>
            ActAsync(id, request, handler, SubscriptionAction.MarkReviewed, ct)).AcceptsJson<ActionRequest>().WithName("MarkSubscriptionReviewed")
            .WithSummary("Clears the review flag the last retry set (manual_review); 409 when the subscription is not flagged.");
        api.MapPost("/subscriptions/{id}/payment_method", ChangePaymentMethodAsync).AcceptsJson<PaymentMethodRequest>().WithName("ChangeSubscriptionPaymentMethod")
            .WithSummary("Replaces the card renewals charge: the processor checks and keeps it first (nothing is charged); a refused card is a 402 and changes nothing.");
        api.MapGet("/subscriptions/{id}/timeline", ListTimelineAsync).WithName("ListSubscriptionTimeline")
            .WithSummary("What happened to the subscription, newest first.");
        return api;
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> UpdateSubscriptionAsync(string id, HttpRequest request,
        ChangeSubscriptionHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Subscription, id, out var key)) return NoSuchSubscription(id);
        var (body, problem) = await ApiJson.ReadAsync<UpdateRequest>(request);
        if (problem is not null) return problem;
        if (body!.CancelAfterCyclesGiven)
        {
            if (body.Quantity is not null)
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "Change the quantity and cancel_after_cycles in separate requests.", "cancel_after_cycles");
            var limit = new ChangeSubscription(key.Value, SubscriptionAction.SetCancelAfterCycles, body.Note, CancelAfterCycles: body.CancelAfterCycles);
            return await AnswerAsync(await handler.HandleAsync(limit, ct), id, request, ct);
        }
        if (body.Quantity is null) return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give the new quantity or cancel_after_cycles.", "quantity");
        return await AnswerAsync(await handler.HandleAsync(new ChangeSubscription(key.Value, SubscriptionAction.ChangeQuantity, body.Note, Quantity: body.Quantity), ct), id, request, ct);
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> CancelSubscriptionAsync(string id, HttpRequest request,
        ChangeSubscriptionHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Subscription, id, out var key)) return NoSuchSubscription(id);
        var (body, problem) = await ApiJson.ReadAsync<CancelRequest>(request);
        if (problem is not null) return problem;
        var command = new ChangeSubscription(key.Value, SubscriptionAction.Cancel, body!.Note, AtPeriodEnd: body.AtPeriodEnd ?? false);
        return await AnswerAsync(await handler.HandleAsync(command, ct), id, request, ct);
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> ActAsync(string id, HttpRequest request,
        ChangeSubscriptionHandler handler, SubscriptionAction action, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Subscription, id, out var key)) return NoSuchSubscription(id);
        var (body, problem) = await ApiJson.ReadAsync<ActionRequest>(request);
        if (problem is not null) return problem;
        return await AnswerAsync(await handler.HandleAsync(new ChangeSubscription(key.Value, action, body!.Note), ct), id, request, ct);
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> ChangePaymentMethodAsync(string id, HttpRequest request,
        ChangeSubscriptionCardHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Subscription, id, out var key)) return NoSuchSubscription(id);
        var (body, problem) = await ApiJson.ReadAsync<PaymentMethodRequest>(request);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.PaymentMethod))
            return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give the card as a payment method, such as pm_card_visa.", "payment_method");
        return await AnswerAsync(await handler.HandleAsync(new ChangeSubscriptionCard(key.Value, body.PaymentMethod.Trim(), null, body.Note), ct), id, request, ct);
    }

    private static async Task<Results<Ok<ApiList<EventResponse>>, ProblemHttpResult>> ListTimelineAsync(string id, HttpRequest request, NumiDbContext db,
        CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Subscription, id, out var key)) return NoSuchSubscription(id);
        // The tenant filter hides another organization's subscription, so its id is a 404 here as everywhere.
        if (!await db.Subscriptions.AnyAsync(s => s.Id == key, ct)) return NoSuchSubscription(id);
        var events = db.SubscriptionEvents.AsNoTracking().Where(e => e.SubscriptionId == key);
        return await ApiPaging.PageAsync(request, events, IdPrefixes.SubscriptionEvent, $"/api/v1/subscriptions/{id}/timeline", EventResponse.From, ct);
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> AnswerAsync(Result<Subscription> result, string id, HttpRequest request,
        CancellationToken ct) => result.Succeeded
        ? TypedResults.Ok(await SubscriptionResponse.ReadAsync(result.Value, request.HttpContext.RequestServices.GetRequiredService<BillingDaySuggestions>(), ct))
        : result.FirstError.Code == ErrorCodes.ResourceMissing ? NoSuchSubscription(id) : ApiProblem.From(result.Errors);

    private static ProblemHttpResult NoSuchSubscription(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such subscription: '{id}'.", "id");
}
