using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Webhooks;

/// <summary>Processes one stored event inside its organization (the caller has entered it).</summary>
public sealed record ProcessWebhookEvent(Guid EventId);

public enum WebhookEventResult { NotDue, Processed, Deferred, Abandoned }

/// <summary>Claims the event (raising <see cref="WebhookEvent.Attempts"/> from the value read, so of two nodes only one
/// works on an attempt), applies it through the processor's <see cref="IWebhookEventDispatcher"/> (types Numi does not act on are stored and ignored) and records the outcome:
/// processed, or retried later with backoff until <see cref="WebhookEvent.MaxAttempts"/>. Every write of the event is a
/// conditional update on the claimed attempt, apart from whatever the handler saved.</summary>
public sealed class ProcessWebhookEventHandler(INumiDb db, IWebhookEventDispatcher dispatcher, ControllableClock clock)
{

    public async Task<WebhookEventResult> HandleAsync(ProcessWebhookEvent command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.WebhookEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == command.EventId, ct);
        if (stored is null || stored.ProcessedAt is not null || stored.Attempts >= WebhookEvent.MaxAttempts || stored.NextAttemptAt > now)
            return WebhookEventResult.NotDue;
        var attempt = stored.Attempts + 1;
        var claimed = await db.WebhookEvents
            .Where(e => e.Id == stored.Id && e.Attempts == stored.Attempts && e.ProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, attempt).SetProperty(e => e.NextAttemptAt, now + WebhookEvent.Lease)
                .SetProperty(e => e.LastError, (string?)null), ct);
        if (claimed == 0) return WebhookEventResult.NotDue;

        var handling = await RunAsync(stored, ct);
        now = clock.GetUtcNow().UtcDateTime;
        var note = WebhookEvent.Shorten(handling.Note);
        var mine = db.WebhookEvents.Where(e => e.Id == stored.Id && e.Attempts == attempt);
        if (handling.Done)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, now).SetProperty(e => e.NextAttemptAt, (DateTime?)null)
                .SetProperty(e => e.Outcome, note), ct);
            if (handling.Changed) await WakeWaitingAsync(stored.Id, now, ct);
            return WebhookEventResult.Processed;
        }
        var abandoned = attempt >= WebhookEvent.MaxAttempts;
        DateTime? next = abandoned ? null : now + WebhookEvent.RetryDelay(attempt);
        await mine.ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, next).SetProperty(e => e.LastError, note), ct);
        return abandoned ? WebhookEventResult.Abandoned : WebhookEventResult.Deferred;
    }

    private async Task<WebhookHandling> RunAsync(WebhookEvent stored, CancellationToken ct)
    {
        try
        {
            return await dispatcher.DispatchAsync(stored, ct);
        }
        // A fault of this attempt (the processor unreachable, a lost race on a save) is retried with backoff like any
        // other event that cannot be applied yet; cancellation (the app stopping) leaves the claim to expire.
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return WebhookHandling.Later($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Something changed in this organization (an order was made, say): events of it that were waiting,
    /// such as a refund that arrived before its payment, are due again now instead of after their backoff. An event
    /// another node holds has no <see cref="WebhookEvent.LastError"/> (claiming clears it) and is left alone.</summary>
    private Task<int> WakeWaitingAsync(Guid processedId, DateTime now, CancellationToken ct) =>
        db.WebhookEvents
            .Where(e => e.Id != processedId && e.ProcessedAt == null && e.Attempts < WebhookEvent.MaxAttempts && e.LastError != null && e.NextAttemptAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, now), ct);
}
