using Numi.Core.Common;

namespace Numi.Core.Webhooks;

/// <summary>An event a payment processor sent, stored once under its own id before anything else happens, so a
/// retried delivery is recognised and the work it triggers can run (and re-run) in the background.</summary>
public sealed class WebhookEvent : IOrganizationOwned
{
    public const int MaxPayloadBytes = 512 * 1024;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Provider { get; private set; } = "";
    /// <summary>The processor's event id (<c>evt_…</c>), unique per provider.</summary>
    public string EventId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public DateTime? ProcessedAt { get; private set; }

    private WebhookEvent() { }

    public static WebhookEvent Receive(Guid organizationId, string provider, string eventId, string type, string payload, DateTime now) => new()
    {
        OrganizationId = organizationId, Provider = provider, EventId = eventId, Type = type, Payload = payload, ReceivedAt = now,
    };
}
