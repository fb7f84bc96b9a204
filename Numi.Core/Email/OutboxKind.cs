namespace Numi.Core.Email;

/// <summary>How an outbox message reaches its recipient. Only email has a transport; an SMS waits in the outbox, marked
/// as one, until Numi has an SMS provider.</summary>
public enum OutboxKind
{
    Email,
    Sms,
}
