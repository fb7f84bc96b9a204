using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Jobs;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Jobs;

/// <summary>One run of a billing job: the due items of every organization in batches (keyset over id, so the sweep
/// ends even while items stay due, and never takes an item twice), each handled in a DI scope of its own with its
/// organization entered (the tenant filters and that organization's processor apply), and one <see cref="JobRun"/>
/// row saying what the run did. An item that throws is counted as failed with its message and the sweep goes on; it
/// stays due for the next run.</summary>
public sealed class BillingSweep(NumiDbContext db, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int BatchSize = 200;

    public delegate Task<List<DueBillingItem>> DueItems(INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct);

    public delegate Task<BillingOutcome> Work(IServiceProvider services, Guid id, CancellationToken ct);

    private sealed record Failure(string Id, string Reason);

    /// <param name="idPrefix">How failures name their items (<c>sub</c>, <c>in</c>).</param>
    public async Task<JobRun> RunAsync(string jobName, string idPrefix, DueItems due, Work work, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = JobRun.Start(jobName, now);
        var (examined, succeeded, skipped) = (0, 0, 0);
        var failures = new List<Failure>();
        Guid? after = null;
        for (var full = true; full;)
        {
            var batch = await due(db, now, after, BatchSize, ct);
            full = batch.Count == BatchSize;
            foreach (var item in batch)
            {
                after = item.Id;
                examined++;
                var outcome = await TryAsync(item, work, ct);
                if (outcome.Result is BillingResult.Paid or BillingResult.Ended or BillingResult.Sent) succeeded++;
                else if (outcome.Result == BillingResult.Skipped) skipped++;
                else failures.Add(new Failure(PublicId.Format(idPrefix, item.Id), outcome.Detail ?? "declined"));
            }
        }
        var kept = JsonSerializer.Serialize(failures.Take(JobRun.MaxFailuresKept), JsonSerializerOptions.Web);
        run.Finish(examined, succeeded, failures.Count, skipped, kept, clock.GetUtcNow().UtcDateTime);
        db.JobRuns.Add(run);
        await db.SaveInTurnAsync(ct);
        return run;
    }

    private async Task<BillingOutcome> TryAsync(DueBillingItem item, Work work, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(item.OrganizationId, item.OrganizationName, item.OrganizationSlug);
            return await work(scope.ServiceProvider, item.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new BillingOutcome(BillingResult.Declined, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
