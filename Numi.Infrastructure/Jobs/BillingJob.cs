using Microsoft.Extensions.Logging;
using Numi.Core.Jobs;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>What a billing job sweeps: its key (its name in <c>job_runs</c>), how failures name items, the due items
/// and the work on one.</summary>
public sealed record BillingJobSpec(JobKey Key, string IdPrefix, BillingSweep.DueItems Due, BillingSweep.Work Work)
{
    /// <summary>Skipped means taken by another runner: runs at once split the items (see <see cref="BillingSweep"/>).</summary>
    public bool SplitOnRace { get; init; }

    /// <summary>Several items of one organization at once, in one scope (see <see cref="BillingSweep"/>); null: one by one.</summary>
    public BillingSweep.BatchWork? Batch { get; init; }

    /// <summary>One run, as Quartz makes it (tests call it directly).</summary>
    public Task<JobRun> RunOnceAsync(BillingSweep sweep, CancellationToken ct) => sweep.RunAsync(Key.Name, IdPrefix, Due, Work, Batch, SplitOnRace, ct);
}

/// <summary>What the billing jobs share: one <see cref="BillingSweep"/> run per firing, its <see cref="JobRun"/> as the
/// job's result, and a log line when it found anything to do.</summary>
public abstract partial class BillingJob(BillingSweep sweep, ILogger logger, BillingJobSpec spec) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await spec.RunOnceAsync(sweep, cancellationToken);
        context.Result = run;
        if (run.Examined > 0) LogRun(logger, spec.Key.Name, run.Examined, run.Succeeded, run.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job}: {Examined} due, {Succeeded} done, {Failed} failed")]
    private static partial void LogRun(ILogger logger, string job, int examined, int succeeded, int failed);
}
