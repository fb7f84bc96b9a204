using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Numi.Core.Clocks;
using Numi.Core.Email;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Email;

/// <summary>Sends the due outbox emails in one batch (an SMS stays in the outbox: there is no SMS provider); a failure is recorded on the message and retried later.</summary>
public sealed partial class DeliverOutbox(NumiDbContext db, IEmailTransport transport, IOptions<EmailOptions> options, ControllableClock clock, ILogger<DeliverOutbox> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages
            .Where(m => m.Kind == OutboxKind.Email && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                await transport.SendAsync(message, ct);
                message.MarkSent(clock.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception exception) when (IsDeliveryFailure(exception))
            {
                message.MarkAttemptFailed(exception.Message, clock.GetUtcNow().UtcDateTime);
                LogFailed(logger, message.Id, message.Attempts, exception.Message);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    /// <summary>What the mail server or the way to it can answer (a refusal, a broken conversation, failed TLS or sign-in,
    /// no route to it, an address it cannot read): the message waits for its next attempt. Anything else is a fault.</summary>
    private static bool IsDeliveryFailure(Exception exception) => exception is MailKit.CommandException or MailKit.ProtocolException
        or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or MimeKit.ParseException
        or System.Net.Sockets.SocketException or IOException or NotSupportedException or InvalidOperationException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid messageId, int attempt, string reason);
}
