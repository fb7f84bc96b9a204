using Numi.Core.Common;

namespace Numi.Core.Dunning;

/// <summary>What became of a claimed step: sent (its email, and its SMS when the plan asks, are in the outbox), or stopped
/// because the invoice was paid or voided between the claim and the send.</summary>
public enum DunningMessageStatus { Claimed, Sent, Stopped }

/// <summary>One campaign step of one failed invoice, claimed by inserting this row: (invoice, day) is unique, so of two
/// runners at once only one inserts it and sends, and a step is never sent twice, however late it was found. A runner
/// that dies after the claim leaves the step claimed and unsent: a reminder missed, never one sent twice.</summary>
public sealed class DunningMessage : IOrganizationOwned
{
    public const int MaxDetailLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid InvoiceId { get; private set; }
    /// <summary>The campaign day of the step: days after the invoice's first failed attempt.</summary>
    public int Day { get; private set; }
    public DunningMessageStatus Status { get; private set; }
    public DateTime ClaimedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    /// <summary>Whether an SMS went with the email, or why the step stopped.</summary>
    public string? Detail { get; private set; }

    private DunningMessage() { }

    public static DunningMessage Claim(Guid organizationId, Guid invoiceId, int day, DateTime now) =>
        new() { OrganizationId = organizationId, InvoiceId = invoiceId, Day = day, Status = DunningMessageStatus.Claimed, ClaimedAt = now };

    public void Sent(string detail, DateTime now)
    {
        Status = DunningMessageStatus.Sent;
        SentAt = now;
        Detail = Clip(detail);
    }

    public void Stopped(string reason)
    {
        Status = DunningMessageStatus.Stopped;
        Detail = Clip(reason);
    }

    private static string Clip(string text) => text.Length > MaxDetailLength ? text[..MaxDetailLength] : text;
}
