using Numi.Core.Common;

namespace Numi.Core.Webhooks;

/// <summary>An event a payment processor sent, stored once under its own id before anything else happens, so a
/// retried delivery is recognised and the work it triggers can run (and re-run) in the background.</summary>
public sealed class WebhookEvent : IOrganizationOwned
{
    public const int MaxPayloadBytes = 512 * 1024;
    public const int MaxNoteLength = 500;

    /// <summary>After this many attempts an event that still cannot be applied is left for a person to look at.</summary>
    public const int MaxAttempts = 10;

    /// <summary>How long a claimed event is held by the node processing it; if that node dies, another takes it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Provider { get; private set; } = "";
    /// <summary>The processor's event id (<c>evt_…</c>), unique per provider.</summary>
    public string EventId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public DateTime? ProcessedAt { get; private set; }
    /// <summary>How many times processing was started. Also the claim token: a node claims an event by raising it from
    /// the value it read, so two nodes never work on one attempt.</summary>
    public int Attempts { get; private set; }
    /// <summary>Not before this moment (a retry's backoff, or the lease of the node working on it); null: at once.</summary>
    public DateTime? NextAttemptAt { get; private set; }
    /// <summary>Why the last attempt could not apply the event (for example: its order does not exist yet).</summary>
    public string? LastError { get; private set; }
    /// <summary>What processing did, in words for the merchant: the order it made, or why it was ignored.</summary>
    public string? Outcome { get; private set; }

    private WebhookEvent() { }

    public static WebhookEvent Receive(Guid organizationId, string provider, string eventId, string type, string payload, DateTime now) => new()
    {
        OrganizationId = organizationId, Provider = provider, EventId = eventId, Type = type, Payload = payload, ReceivedAt = now,
    };

    /// <summary>Retries that gave up: still unprocessed, out of attempts.</summary>
    public bool IsAbandoned => Abandoned(ProcessedAt, Attempts);

    public static bool Abandoned(DateTime? processedAt, int attempts) => processedAt is null && attempts >= MaxAttempts;

    /// <summary>Backoff after the <paramref name="attempt"/>th failed attempt: 30 s, doubling, at most two hours, so an event
    /// waiting for its order is retried soon and a broken one a handful of times over some hours.</summary>
    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempt - 1)), TimeSpan.FromHours(2).TotalSeconds));

    public static string Shorten(string text) => text.Length <= MaxNoteLength ? text : text[..(MaxNoteLength - 1)] + "…";
}
