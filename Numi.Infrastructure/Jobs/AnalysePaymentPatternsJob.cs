using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Jobs;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Nightly: learns and stores every customer's payment pattern, organization by organization (each in a DI
/// scope of its own with its organization entered), so retries read the stored pattern. Its <see cref="JobRun"/>
/// counts customers: examined (with payment history), succeeded (patterns written), skipped (unchanged, or written by
/// another runner); failed counts organizations whose analysis threw, each named with its reason.</summary>
[DisallowConcurrentExecution]
public sealed partial class AnalysePaymentPatternsJob(NumiDbContext db, IServiceScopeFactory scopes, ControllableClock clock,
    ILogger<AnalysePaymentPatternsJob> logger) : IJob
{
    public static readonly JobKey Key = new("analyse-payment-patterns", "billing");

    private const int OrganizationBatch = 100;

    private sealed record Failure(string Id, string Reason);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await RunOnceAsync(cancellationToken);
        context.Result = run;
        LogRun(logger, run.Examined, run.Succeeded, run.Failed);
    }

    /// <summary>One run, as Quartz makes it (tests call it directly).</summary>
    public async Task<JobRun> RunOnceAsync(CancellationToken ct)
    {
        var run = JobRun.Start(Key.Name, clock.GetUtcNow().UtcDateTime);
        var total = new PatternAnalysis(0, 0, 0);
        var failures = new List<Failure>();
        Guid? after = null;
        for (var full = true; full;)
        {
            var batch = await db.OrganizationsWithCustomersAsync(after, OrganizationBatch, ct);
            full = batch.Count == OrganizationBatch;
            foreach (var organization in batch)
            {
                after = organization.Id;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(organization.OrganizationId, organization.OrganizationName, organization.OrganizationSlug);
                    var done = await scope.ServiceProvider.GetRequiredService<AnalysePaymentPatternsHandler>().HandleAsync(ct);
                    total = new PatternAnalysis(total.Customers + done.Customers, total.Stored + done.Stored, total.Skipped + done.Skipped);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add(new Failure(PublicId.Format(IdPrefixes.Organization, organization.Id), $"{e.GetType().Name}: {e.Message}"));
                }
            }
        }
        var kept = JsonSerializer.Serialize(failures.Take(JobRun.MaxFailuresKept), JsonSerializerOptions.Web);
        run.Finish(total.Customers, total.Stored, failures.Count, total.Skipped, kept, clock.GetUtcNow().UtcDateTime);
        db.JobRuns.Add(run);
        await db.SaveInTurnAsync(ct);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment patterns: {Customers} customers, {Stored} stored, {Failed} organizations failed")]
    private static partial void LogRun(ILogger logger, int customers, int stored, int failed);
}
