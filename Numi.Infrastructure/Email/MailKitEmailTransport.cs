using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Numi.Core.Email;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Email;

/// <summary>Delivers with MailKit through SMTP when <c>Email:Smtp:Host</c> is set, otherwise writes each message as an
/// .eml file in the data folder's <c>mail</c> directory. MailKit rather than System.Net.Mail, whose SmtpClient is
/// obsolete for new code and cannot insist on STARTTLS.</summary>
internal sealed class MailKitEmailTransport(IOptions<EmailOptions> options, DatabaseOptions database) : IEmailTransport
{
    public string PickupDirectory { get; } = Path.Combine(database.DataDirectory, "mail");

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var mail = Compose(settings.From, message);
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            Directory.CreateDirectory(PickupDirectory);
            await mail.WriteToAsync(Path.Combine(PickupDirectory, $"{message.Id:N}.eml"), ct);
            return;
        }
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, Security(settings.Smtp), ct);
        if (!string.IsNullOrEmpty(settings.Smtp.Username)) await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static MimeMessage Compose(string from, OutboxMessage message)
    {
        var mail = new MimeMessage { Subject = message.Subject };
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(message.To));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.AttachmentName is { } name && message.AttachmentContent is { } content)
            body.Attachments.Add(name, content, ContentType.Parse(message.AttachmentContentType ?? "application/octet-stream"));
        mail.Body = body.ToMessageBody();
        return mail;
    }

    /// <summary>With <c>EnableSsl</c>, TLS is required, never merely tried: from the first byte on port 465 (SMTPS), else
    /// through STARTTLS, and a server that offers neither is an error rather than a plain-text fallback.</summary>
    internal static SecureSocketOptions Security(SmtpOptions smtp) =>
        !smtp.EnableSsl ? SecureSocketOptions.None
        : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;
}
