using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Jobs;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Jobs;

/// <summary>One run of a billing job: the due items of every organization, each handled in a DI scope of its own with
/// its organization entered (the tenant filters and that organization's processor apply), and one <see cref="JobRun"/>
/// row saying what the run did. An item that throws is counted as failed with its message and the sweep goes on; it
/// stays due for the next run. A run takes each item at most once, so it ends even while items stay due.
/// <para>Runs at once (two nodes, or two triggers on one) split the work instead of queuing behind each other: a run
/// reads the due items (keyset batches over id) and goes round them from a random one. An item found already taken
/// (skipped: another runner did it, or holds it) means it has reached another runner's part, so it reads the due items
/// again, which leaves out everything done since, and starts again from a random one of those. Only items two runners
/// reach at the same moment are raced for, and the per-item guarantees (one invoice per period, one claim per attempt)
/// settle those.</para></summary>
public sealed class BillingSweep(NumiDbContext db, IServiceScopeFactory scopes, ControllableClock clock)
{
    public const int BatchSize = 200;

    public delegate Task<List<DueBillingItem>> DueItems(INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct);

    public delegate Task<BillingOutcome> Work(IServiceProvider services, Guid id, CancellationToken ct);

    /// <summary>The work on several items of one organization in one scope: their outcomes, in their order.</summary>
    public delegate Task<IReadOnlyList<BillingOutcome>> BatchWork(IServiceProvider services, IReadOnlyList<Guid> ids, CancellationToken ct);

    /// <summary>How many items of one organization a <see cref="BatchWork"/> takes at once.</summary>
    public const int WorkBatchSize = 100;

    private sealed record Failure(string Id, string Reason);

    /// <param name="idPrefix">How failures name their items (<c>sub</c>, <c>in</c>).</param>
    public Task<JobRun> RunAsync(string jobName, string idPrefix, DueItems due, Work work, CancellationToken ct) =>
        RunAsync(jobName, idPrefix, due, work, splitOnRace: false, ct);

    /// <param name="splitOnRace">A skipped item means another runner took it (the job's due items stay due only until
    /// handled), so the run reads the due items again from there. Off for jobs whose items are often skipped for
    /// reasons of their own (nothing to send today): a read per skip would cost a read of all due items each time.</param>
    public Task<JobRun> RunAsync(string jobName, string idPrefix, DueItems due, Work work, bool splitOnRace, CancellationToken ct) =>
        RunAsync(jobName, idPrefix, due, work, batch: null, splitOnRace, ct);

    /// <param name="batch">When given, consecutive items of one organization (up to <see cref="WorkBatchSize"/>) are
    /// worked together in one scope; a batch that throws is worked again item by item with <paramref name="work"/>
    /// (whose per-item guarantees settle what the batch left half done).</param>
    public async Task<JobRun> RunAsync(string jobName, string idPrefix, DueItems due, Work work, BatchWork? batch, bool splitOnRace, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = JobRun.Start(jobName, now);
        var (examined, succeeded, skipped) = (0, 0, 0);
        var failures = new List<Failure>();
        var seen = new HashSet<Guid>();
        for (var ring = await DueAsync(due, now, seen, ct); ring.Count > 0; ring = await DueAsync(due, now, seen, ct))
        {
            // Round the ring from a random item; an item found already taken sends the runner to read the ring again.
            var start = Random.Shared.Next(ring.Count);
            foreach (var chunk in Chunks(ring.Skip(start).Concat(ring.Take(start)), batch is null ? 1 : WorkBatchSize))
            {
                var raced = false;
                var outcomes = await TryAsync(chunk, work, batch, ct);
                for (var i = 0; i < chunk.Count; i++)
                {
                    seen.Add(chunk[i].Id);
                    examined++;
                    var outcome = outcomes[i];
                    if (outcome.Result is BillingResult.Paid or BillingResult.Ended or BillingResult.Done) succeeded++;
                    else if (outcome.Result == BillingResult.Skipped)
                    {
                        skipped++;
                        raced = true;
                    }
                    else failures.Add(new Failure(PublicId.Format(idPrefix, chunk[i].Id), outcome.Detail ?? "declined"));
                }
                if (raced && splitOnRace) break;
            }
        }
        var kept = JsonSerializer.Serialize(failures.Take(JobRun.MaxFailuresKept), JsonSerializerOptions.Web);
        run.Finish(examined, succeeded, failures.Count, skipped, kept, clock.GetUtcNow().UtcDateTime);
        db.JobRuns.Add(run);
        await db.SaveInTurnAsync(ct);
        return run;
    }

    /// <summary>Every due item this run has not taken yet, in id order, read in batches (keyset over id).</summary>
    private async Task<List<DueBillingItem>> DueAsync(DueItems due, DateTime now, HashSet<Guid> seen, CancellationToken ct)
    {
        var items = new List<DueBillingItem>();
        for (Guid? after = null; ;)
        {
            var batch = await due(db, now, after, BatchSize, ct);
            items.AddRange(batch.Where(i => !seen.Contains(i.Id)));
            if (batch.Count < BatchSize) return items;
            after = batch[^1].Id;
        }
    }

    /// <summary>Consecutive items of one organization, at most <paramref name="size"/> together.</summary>
    private static IEnumerable<List<DueBillingItem>> Chunks(IEnumerable<DueBillingItem> items, int size)
    {
        var chunk = new List<DueBillingItem>(size);
        foreach (var item in items)
        {
            if (chunk.Count == size || (chunk.Count > 0 && chunk[0].OrganizationId != item.OrganizationId))
            {
                yield return chunk;
                chunk = new List<DueBillingItem>(size);
            }
            chunk.Add(item);
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private async Task<IReadOnlyList<BillingOutcome>> TryAsync(List<DueBillingItem> chunk, Work work, BatchWork? batch, CancellationToken ct)
    {
        if (batch is not null)
        {
            try
            {
                await using var scope = Entered(chunk[0]);
                return await batch(scope.ServiceProvider, chunk.Select(i => i.Id).ToList(), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Worked again one by one below: each item's own guarantees settle what the batch left half done.
            }
        }
        var outcomes = new List<BillingOutcome>(chunk.Count);
        foreach (var item in chunk) outcomes.Add(await TryAsync(item, work, ct));
        return outcomes;
    }

    private AsyncServiceScope Entered(DueBillingItem item)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(item.OrganizationId, item.OrganizationName, item.OrganizationSlug);
        return scope;
    }

    private async Task<BillingOutcome> TryAsync(DueBillingItem item, Work work, CancellationToken ct)
    {
        try
        {
            await using var scope = Entered(item);
            return await work(scope.ServiceProvider, item.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new BillingOutcome(BillingResult.Declined, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
