using Numi.Core.Email;
using Numi.Infrastructure.Email;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>Remembers what it was asked to send, or throws what the test tells it to.</summary>
public sealed class RecordingEmailTransport : IEmailTransport
{
    public List<string> SentSubjects { get; } = [];
    public Func<OutboxMessage, Exception?> Failure { get; set; } = _ => null;

    public Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Failure(message) is { } exception) throw exception;
        SentSubjects.Add(message.Subject);
        return Task.CompletedTask;
    }
}
