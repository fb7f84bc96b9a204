namespace Numi.Core.Email;

/// <summary>An email (or an SMS, see <see cref="OutboxKind"/>) waiting in (or delivered from) the outbox. It is written in the same transaction as the
/// change that caused it, so a rolled-back change never sends mail and a committed one always does.</summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    /// <summary>The organization the mail is about, if any (password resets belong to no organization).</summary>
    public Guid? OrganizationId { get; private set; }
    public OutboxKind Kind { get; private set; }
    /// <summary>An email address, or a phone number for an SMS.</summary>
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string? AttachmentName { get; private set; }
    public string? AttachmentContentType { get; private set; }
    public byte[]? AttachmentContent { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? SentAt { get; private set; }

    private OutboxMessage() { }

    public static OutboxMessage Create(EmailMessage message, Guid? organizationId, DateTime now) => new()
    {
        OrganizationId = organizationId,
        To = message.To,
        Subject = message.Subject,
        TextBody = message.TextBody,
        HtmlBody = message.HtmlBody,
        AttachmentName = message.Attachment?.FileName,
        AttachmentContentType = message.Attachment?.ContentType,
        AttachmentContent = message.Attachment?.Content,
        Status = OutboxStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>An SMS to <paramref name="phone"/>: plain text, no subject. Email delivery never takes it.</summary>
    public static OutboxMessage CreateSms(string phone, string text, Guid? organizationId, DateTime now) => new()
    {
        Kind = OutboxKind.Sms,
        OrganizationId = organizationId,
        To = phone,
        TextBody = text,
        Status = OutboxStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void MarkSent(DateTime now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
    }

    /// <summary>Backs off exponentially (1, 2, 4 … minutes) and gives up after <see cref="MaxAttempts"/>.</summary>
    public void MarkAttemptFailed(string error, DateTime now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Pow(2, Attempts - 1));
    }

    public string Preview(int length = 160) => PreviewOf(TextBody, length);

    /// <summary>The start of a text body on one line, for lists.</summary>
    public static string PreviewOf(string textBody, int length = 160)
    {
        var text = textBody.ReplaceLineEndings(" ").Trim();
        return text.Length <= length ? text : text[..length] + "…";
    }
}
