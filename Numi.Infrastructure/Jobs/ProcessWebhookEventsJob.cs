using Microsoft.Extensions.Logging;
using Numi.Infrastructure.Webhooks;
using Quartz;

namespace Numi.Infrastructure.Jobs;

[DisallowConcurrentExecution]
public sealed partial class ProcessWebhookEventsJob(WebhookEventRunner runner, ILogger<ProcessWebhookEventsJob> logger) : IJob
{
    public static readonly JobKey Key = new("process-webhook-events", "webhooks");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var summary = await runner.RunAsync(cancellationToken);
        context.Result = summary;
        if (summary.Processed + summary.Deferred + summary.Abandoned > 0)
            LogRun(logger, summary.Processed, summary.Deferred, summary.Abandoned);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook events: {Processed} processed, {Deferred} to retry, {Abandoned} given up")]
    private static partial void LogRun(ILogger logger, int processed, int deferred, int abandoned);
}
