using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Numi.Core.Clocks;
using Numi.Core.Email;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Email;

public sealed class DeliverOutboxTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    private static DeliverOutbox Delivery(NumiDbContext db, IEmailTransport transport, ControllableClock clock) =>
        new(db, transport, Options.Create(new EmailOptions()), clock, NullLogger<DeliverOutbox>.Instance);

    private static OutboxMessage Message(string subject, DateTime createdAt) =>
        OutboxMessage.Create(new EmailMessage("ada@example.com", subject, "Plain text body", "<p>Html body</p>"), null, createdAt);

    private static async Task AddAsync(TestDatabase database, params OutboxMessage[] messages)
    {
        await using var db = database.CreateContext();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Due_pending_messages_are_sent_and_marked_sent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var due = Message("due", Now.AddMinutes(-5));
        var later = Message("later", Now.AddMinutes(10));
        await AddAsync(database, due, later);
        var clock = new FakeTimeProvider(Now);
        var transport = new RecordingEmailTransport();

        int sent;
        await using (var db = database.CreateContext())
            sent = await Delivery(db, transport, clock).RunAsync(default);

        Assert.Equal(1, sent);
        Assert.Equal(["due"], transport.SentSubjects);
        await using var check = database.CreateContext();
        var stored = await check.OutboxMessages.SingleAsync(m => m.Id == due.Id);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(Now, stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(OutboxStatus.Pending, (await check.OutboxMessages.SingleAsync(m => m.Id == later.Id)).Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_sms_stays_in_the_outbox_and_is_never_handed_to_the_mail_transport(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var sms = OutboxMessage.CreateSms("+1 555 0100", "Update your card", null, Now.AddMinutes(-5));
        await AddAsync(database, sms, Message("email", Now.AddMinutes(-5)));
        var transport = new RecordingEmailTransport();

        await using (var db = database.CreateContext())
            Assert.Equal(1, await Delivery(db, transport, new FakeTimeProvider(Now)).RunAsync(default));

        Assert.Equal(["email"], transport.SentSubjects);
        await using var check = database.CreateContext();
        var stored = await check.OutboxMessages.SingleAsync(m => m.Id == sms.Id);
        Assert.Equal((OutboxKind.Sms, OutboxStatus.Pending, 0), (stored.Kind, stored.Status, stored.Attempts));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_transport_failure_is_recorded_and_retried_later(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var failing = Message("failing", Now.AddMinutes(-1));
        var fine = Message("fine", Now);
        await AddAsync(database, failing, fine);
        var clock = new FakeTimeProvider(Now);
        var transport = new RecordingEmailTransport
        {
            Failure = m => m.Subject == "failing" ? new MailKit.Net.Smtp.SmtpCommandException(MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable, "Mailbox unavailable") : null,
        };

        int sent;
        await using (var db = database.CreateContext())
            sent = await Delivery(db, transport, clock).RunAsync(default);

        Assert.Equal(1, sent);
        Assert.Equal(["fine"], transport.SentSubjects);
        await using (var check = database.CreateContext())
        {
            var stored = await check.OutboxMessages.SingleAsync(m => m.Id == failing.Id);
            Assert.Equal(OutboxStatus.Pending, stored.Status);
            Assert.Equal(1, stored.Attempts);
            Assert.Equal("Mailbox unavailable", stored.LastError);
            Assert.Equal(Now.AddMinutes(1), stored.NextAttemptAt);
            Assert.Null(stored.SentAt);
        }

        // Not due again until the backoff has passed.
        transport.Failure = _ => null;
        await using (var db = database.CreateContext())
            Assert.Equal(0, await Delivery(db, transport, clock).RunAsync(default));
        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var db = database.CreateContext())
            Assert.Equal(1, await Delivery(db, transport, clock).RunAsync(default));
        Assert.Equal(["fine", "failing"], transport.SentSubjects);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unreachable_mail_server_leaves_the_message_for_its_next_attempt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var message = Message("unreachable", Now);
        await AddAsync(database, message);
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var transport = new MailKitEmailTransport(Options.Create(new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, EnableSsl = false } }), database.Options);

        await using (var db = database.CreateContext())
            Assert.Equal(0, await Delivery(db, transport, new FakeTimeProvider(Now)).RunAsync(default));

        await using var check = database.CreateContext();
        var stored = await check.OutboxMessages.SingleAsync(m => m.Id == message.Id);
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.False(string.IsNullOrEmpty(stored.LastError));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_an_SMTP_host_mail_is_written_as_eml_files_in_the_data_folder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await AddAsync(database, Message("Welcome to Numi 7f3a", Now));
        var transport = new MailKitEmailTransport(Options.Create(new EmailOptions()), database.Options);
        var mail = Path.Combine(database.DataDirectory, "mail");
        Assert.Equal(mail, transport.PickupDirectory);

        await using (var db = database.CreateContext())
            Assert.Equal(1, await Delivery(db, transport, new FakeTimeProvider(Now)).RunAsync(default));

        var file = Assert.Single(Directory.GetFiles(mail, "*.eml"));
        var content = await File.ReadAllTextAsync(file);
        Assert.Contains("Subject: Welcome to Numi 7f3a", content);
        Assert.Contains("ada@example.com", content);
        await using var check = database.CreateContext();
        Assert.Equal(OutboxStatus.Sent, (await check.OutboxMessages.SingleAsync()).Status);
    }
}
