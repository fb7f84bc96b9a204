using Microsoft.Extensions.Logging;
using Numi.Core.Checkout;
using Quartz;

namespace Numi.Infrastructure.Jobs;

[DisallowConcurrentExecution]
public sealed partial class ExpireCheckoutSessionsJob(ExpireCheckoutSessionsHandler handler, ILogger<ExpireCheckoutSessionsJob> logger) : IJob
{
    public static readonly JobKey Key = new("expire-checkout-sessions", "checkout");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var expired = await handler.HandleAsync(cancellationToken);
        context.Result = expired;
        if (expired > 0) LogExpired(logger, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} idle checkout sessions")]
    private static partial void LogExpired(ILogger logger, int count);
}
