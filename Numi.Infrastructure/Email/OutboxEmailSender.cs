using Numi.Core.Clocks;
using Numi.Core.Email;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Email;

/// <summary>Adds the message to the caller's unit of work; it is committed (or not) with the change that caused it.</summary>
internal sealed class OutboxEmailSender(NumiDbContext db, ControllableClock clock) : IEmailSender
{
    public void Queue(EmailMessage message, Guid? organizationId = null) =>
        db.OutboxMessages.Add(OutboxMessage.Create(message, organizationId, clock.GetUtcNow().UtcDateTime));
}
