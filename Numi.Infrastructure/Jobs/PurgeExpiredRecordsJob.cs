using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Numi.Core.Maintenance;
using Quartz;

namespace Numi.Infrastructure.Jobs;

[DisallowConcurrentExecution]
public sealed partial class PurgeExpiredRecordsJob(PurgeExpiredRecordsHandler handler, IOptions<JobOptions> options, ILogger<PurgeExpiredRecordsJob> logger) : IJob
{
    public static readonly JobKey Key = new("purge-expired-records", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var purged = await handler.HandleAsync(new PurgeExpiredRecords(options.Value.OutboxRetention, options.Value.FunnelSessionRetention), cancellationToken);
        context.Result = purged;
        LogPurged(logger, purged.IdempotencyRecords, purged.OutboxMessages, purged.PortalLinks, purged.FunnelSessions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {IdempotencyRecords} idempotency records, {OutboxMessages} delivered outbox messages, {PortalLinks} old portal sign-in links and {FunnelSessions} old funnel sessions")]
    private static partial void LogPurged(ILogger logger, int idempotencyRecords, int outboxMessages, int portalLinks, int funnelSessions);
}
