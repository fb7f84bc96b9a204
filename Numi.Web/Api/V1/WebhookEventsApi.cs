using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;
using Numi.Core.Webhooks;
using Numi.Web.Features.Settings;

namespace Numi.Web.Api.V1;

/// <summary>The events Stripe sent the organization and what processing made of them, as Settings › Webhook events shows
/// them, for an owner's sign-in only (<see cref="ApiPeople"/>). Never the payload. <c>id</c> is Numi's record
/// (<c>evt_</c> and 32 hex digits); <c>provider_event_id</c> is Stripe's own event id.</summary>
public static class WebhookEventsApi
{
    public sealed record WebhookEventResponse(string Id, string Provider, string ProviderEventId, string Type, string Status, int Attempts,
        long? NextAttemptAt, string? LastError, string? Outcome, long Created, long? ProcessedAt)
    {
        public string Object => "webhook_event";

        public static WebhookEventResponse From(EventLine e) => new(PublicId.Format(IdPrefixes.Event, e.Id), e.Provider, e.EventId, e.Type,
            e.ProcessedAt is not null ? "processed" : WebhookEvent.Abandoned(e.ProcessedAt, e.Attempts) ? "abandoned" : "pending",
            e.Attempts, e.NextAttemptAt?.ToUnixSeconds(), e.LastError, e.Outcome, e.CreatedAt.ToUnixSeconds(), e.ProcessedAt?.ToUnixSeconds());
    }

    /// <summary>An event without its payload, paged newest received first (settable, so the database pages and sorts it).</summary>
    public sealed class EventLine : ICreatedInOrder
    {
        public Guid Id { get; set; }
        public DateTime CreatedAt { get; set; }
        public string Provider { get; set; } = "";
        public string EventId { get; set; } = "";
        public string Type { get; set; } = "";
        public DateTime? ProcessedAt { get; set; }
        public int Attempts { get; set; }
        public DateTime? NextAttemptAt { get; set; }
        public string? LastError { get; set; }
        public string? Outcome { get; set; }
    }

    public static RouteGroupBuilder MapWebhookEventsApi(this RouteGroupBuilder people)
    {
        people.MapGet("/webhook_events", ListWebhookEventsAsync).WithName("ListWebhookEvents")
            .WithSummary("Stripe's events for the organization, newest first, with status processed, pending (retried later) or abandoned. Owners only.");
        return people;
    }

    private static async Task<Results<Ok<ApiList<WebhookEventResponse>>, ProblemHttpResult>> ListWebhookEventsAsync(HttpRequest request, CancellationToken ct)
    {
        if (WebhookEventsView.Visible(request.HttpContext.RequestServices) is not { } events) return ApiPeople.OwnersOnly(WebhookEventsView.Refusal);
        var lines = events.Select(e => new EventLine
        {
            Id = e.Id, CreatedAt = e.ReceivedAt, Provider = e.Provider, EventId = e.EventId, Type = e.Type, ProcessedAt = e.ProcessedAt,
            Attempts = e.Attempts, NextAttemptAt = e.NextAttemptAt, LastError = e.LastError, Outcome = e.Outcome,
        });
        return await ApiPaging.PageAsync(request, lines, IdPrefixes.Event, "/api/v1/webhook_events", WebhookEventResponse.From, ct);
    }
}
