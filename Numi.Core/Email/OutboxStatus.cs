namespace Numi.Core.Email;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}
