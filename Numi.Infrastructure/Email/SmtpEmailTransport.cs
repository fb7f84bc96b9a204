using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.Options;
using Numi.Core.Email;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Email;

/// <summary>Delivers through SMTP when <c>Email:Smtp:Host</c> is set, otherwise drops .eml files in the data folder.</summary>
internal sealed class SmtpEmailTransport(IOptions<EmailOptions> options, DatabaseOptions database) : IEmailTransport
{
    public string PickupDirectory { get; } = Path.Combine(database.DataDirectory, "mail");

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var mail = new MailMessage { From = new MailAddress(settings.From), Subject = message.Subject, Body = message.TextBody };
        mail.To.Add(message.To);
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, null, MediaTypeNames.Text.Html));

        using var client = CreateClient(settings.Smtp);
        await client.SendMailAsync(mail, ct);
    }

    private SmtpClient CreateClient(SmtpOptions smtp)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            Directory.CreateDirectory(PickupDirectory);
            return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = PickupDirectory };
        }
        var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.Username)) client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
        return client;
    }
}
