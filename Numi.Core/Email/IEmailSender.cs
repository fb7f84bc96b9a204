namespace Numi.Core.Email;

public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody, EmailAttachment? Attachment = null);

/// <summary>A file sent with an email (an invoice's PDF), kept in the outbox with its message until it is delivered.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Queues an email in the outbox of the current unit of work. Nothing is sent until the caller
/// saves its changes; a delivery job sends it afterwards.</summary>
public interface IEmailSender
{
    void Queue(EmailMessage message, Guid? organizationId = null);
}
