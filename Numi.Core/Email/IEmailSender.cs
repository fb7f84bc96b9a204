namespace Numi.Core.Email;

public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>Queues an email in the outbox of the current unit of work. Nothing is sent until the caller
/// saves its changes; a delivery job sends it afterwards.</summary>
public interface IEmailSender
{
    void Queue(EmailMessage message, Guid? organizationId = null);
}
