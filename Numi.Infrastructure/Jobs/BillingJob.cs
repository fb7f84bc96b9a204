using Microsoft.Extensions.Logging;
using Numi.Core.Jobs;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>What the billing jobs share: one <see cref="BillingSweep"/> run per firing, its <see cref="JobRun"/> as the
/// job's result, and a log line when it found anything to do.</summary>
public abstract partial class BillingJob(BillingSweep sweep, ILogger logger) : IJob
{
    protected abstract string Name { get; }

    protected abstract Task<JobRun> RunAsync(BillingSweep sweep, CancellationToken ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await RunAsync(sweep, cancellationToken);
        context.Result = run;
        if (run.Examined > 0) LogRun(logger, Name, run.Examined, run.Succeeded, run.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job}: {Examined} due, {Succeeded} done, {Failed} failed")]
    private static partial void LogRun(ILogger logger, string job, int examined, int succeeded, int failed);
}
