using Numi.Core.Email;

namespace Numi.Web.Features.Admin;

/// <summary>A queued email as the outbox grid lists it. Settable properties, so EF can sort and page the projection.</summary>
public sealed class OutboxRow
{
    public string To { get; init; } = "";
    public string Subject { get; init; } = "";
    public OutboxStatus Status { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTime CreatedAt { get; init; }
    public string TextBody { get; init; } = "";
    public string Preview => OutboxMessage.PreviewOf(TextBody);
}

/// <summary>Which emails the outbox grid shows: all, or those in one status.</summary>
public sealed record OutboxFilter(OutboxStatus? Status)
{
    /// <summary>A link's <c>?status=Sent</c> (any case); anything else is every status.</summary>
    public static OutboxFilter FromQuery(string? status) =>
        new(Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null);
}
