using Numi.Infrastructure.Email;
using Quartz;

namespace Numi.Infrastructure.Jobs;

[DisallowConcurrentExecution]
public sealed class DeliverOutboxJob(DeliverOutbox delivery) : IJob
{
    public static readonly JobKey Key = new("deliver-outbox", "email");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await delivery.RunAsync(cancellationToken);
}
