using Numi.Core.Email;

namespace Numi.Web.Features.Admin;

/// <summary>A queued email or SMS as the outbox grid lists it. Settable properties, so EF can sort and page the projection.</summary>
public sealed class OutboxRow
{
    public OutboxKind Kind { get; init; }
    public string To { get; init; } = "";
    public string Subject { get; init; } = "";
    public OutboxStatus Status { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTime CreatedAt { get; init; }
    public string TextBody { get; init; } = "";
    public string Preview => OutboxMessage.PreviewOf(TextBody);
}

/// <summary>Which messages the outbox grid shows: all, or those in one status, of one kind, or both.</summary>
public sealed record OutboxFilter(OutboxStatus? Status, OutboxKind? Kind)
{
    public static readonly OutboxFilter All = new(null, null);

    /// <summary>A link's <c>?status=Sent&amp;kind=sms</c> (any case); anything else is every status, or every kind.</summary>
    public static OutboxFilter FromQuery(string? status, string? kind) => new(Parse<OutboxStatus>(status), Parse<OutboxKind>(kind));

    /// <summary>How a kind is named to people: SMS is an abbreviation.</summary>
    public static string Name(OutboxKind kind) => kind == OutboxKind.Sms ? "SMS" : "Email";

    private static T? Parse<T>(string? value) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
