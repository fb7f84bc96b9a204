using MailKit.Security;
using Microsoft.Extensions.Options;
using Numi.Core.Email;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Email;

public sealed class MailKitEmailTransportTests
{
    private static readonly OutboxMessage Welcome =
        OutboxMessage.Create(new EmailMessage("ada@example.com", "Welcome 5c1e", "Plain text body", "<p>Html body</p>"), null, DateTime.UtcNow);

    private static MailKitEmailTransport Transport(SmtpOptions smtp) => new(
        Options.Create(new EmailOptions { From = "Numi <no-reply@numi.test>", Smtp = smtp }),
        new DatabaseOptions(DatabaseProvider.Sqlite, "", Path.GetTempPath()));

    [Fact]
    public async Task A_message_goes_through_smtp_with_the_credentials_and_both_bodies()
    {
        await using var server = new FakeSmtpServer();
        var transport = Transport(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, EnableSsl = false, Username = "numi", Password = "s3cret" });

        await transport.SendAsync(Welcome, CancellationToken.None);
        await server.Finished.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("|numi|s3cret", server.Credentials);
        Assert.Contains(server.Commands, c => c.StartsWith("MAIL FROM:<no-reply@numi.test>", StringComparison.Ordinal));
        Assert.Contains(server.Commands, c => c.StartsWith("RCPT TO:<ada@example.com>", StringComparison.Ordinal));
        Assert.Contains("Subject: Welcome 5c1e", server.Data);
        Assert.Contains("Plain text body", server.Data);
        Assert.Contains("<p>Html body</p>", server.Data);
        Assert.Contains("QUIT", server.Commands);
    }

    [Fact]
    public async Task An_attachment_is_sent_as_a_part_of_its_own_with_its_name_and_type()
    {
        var data = Path.Combine(Path.GetTempPath(), $"numi-mail-{Guid.NewGuid():N}");
        var transport = new MailKitEmailTransport(Options.Create(new EmailOptions()), new DatabaseOptions(DatabaseProvider.Sqlite, "", data));
        byte[] content = [.. "%PDF-1.7 receipt"u8];
        var message = OutboxMessage.Create(new EmailMessage("ada@example.com", "Receipt", "Text", "<p>Html</p>",
            new EmailAttachment("INV-000007.pdf", "application/pdf", content)), null, DateTime.UtcNow);
        try
        {
            await transport.SendAsync(message, CancellationToken.None);

            var mail = await MimeKit.MimeMessage.LoadAsync(Path.Combine(transport.PickupDirectory, $"{message.Id:N}.eml"));
            var attachment = Assert.IsType<MimeKit.MimePart>(Assert.Single(mail.Attachments));
            Assert.Equal(("INV-000007.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
            using var bytes = new MemoryStream();
            await attachment.Content!.DecodeToAsync(bytes);
            Assert.Equal(content, bytes.ToArray());
            Assert.Equal("Text", mail.TextBody?.Trim());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task With_ssl_required_a_server_without_starttls_gets_no_message_in_plain_text()
    {
        await using var server = new FakeSmtpServer();
        var transport = Transport(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, EnableSsl = true, Username = "numi", Password = "s3cret" });

        await Assert.ThrowsAnyAsync<Exception>(() => transport.SendAsync(Welcome, CancellationToken.None));

        Assert.Null(server.Credentials);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, 25, SecureSocketOptions.None)]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    public void Tls_is_required_when_ssl_is_on(bool enableSsl, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, MailKitEmailTransport.Security(new SmtpOptions { EnableSsl = enableSsl, Port = port }));
}
