using Numi.Core.Email;

namespace Numi.Infrastructure.Email;

/// <summary>Hands one outbox message to the outside world.</summary>
public interface IEmailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
