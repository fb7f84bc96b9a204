using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Funnels;

/// <summary>Inserts the new funnel sessions of <see cref="FunnelSessionQueue"/> every
/// <see cref="FunnelEventOptions.BatchWindow"/>, up to <see cref="FunnelEventOptions.MaxBatch"/> a transaction, so a
/// thousand first views cost the database a few inserts in one transaction instead of a thousand transactions. (The
/// event store also takes queued sessions into its own batches, so an event never reaches the database before its
/// session.) A failed batch stays queued for the next tick.
/// <para>On a clean stop the queue takes no more sessions (pages store their own) and every queued one is written
/// before <see cref="StopAsync"/> returns, unless the host's shutdown timeout runs out first.</para></summary>
public sealed partial class FunnelSessionWriter(
    FunnelSessionQueue queue,
    IServiceScopeFactory scopes,
    IOptions<FunnelEventOptions> options,
    ControllableClock clock,
    ILogger<FunnelSessionWriter> logger) : BackgroundService
{
    private readonly FunnelEventOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.BatchWindow > TimeSpan.Zero ? _options.BatchWindow : TimeSpan.FromMilliseconds(10), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogBatchFailed(logger, e, queue.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync drains the queue.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
        for (var attempt = 1; queue.Count > 0; attempt++)
        {
            try
            {
                await FlushAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && attempt < _options.StoreAttempts)
            {
                LogBatchFailed(logger, e, queue.Count);
                await Task.Delay(_options.RetryBackoff * Math.Pow(2, attempt - 1), clock, cancellationToken);
            }
            catch (Exception e)
            {
                LogLostAtShutdown(logger, e, queue.Count);
                return;
            }
        }
    }

    /// <summary>Writes what is queued now, a batch at a time; throws (the failed batch queued again) if a write fails.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await queue.Writing.WaitAsync(ct);
        try
        {
            while (queue.Take(_options.MaxBatch) is { Count: > 0 } batch) await WriteAsync(batch, ct);
        }
        finally
        {
            queue.Writing.Release();
        }
    }

    private async Task WriteAsync(IReadOnlyList<FunnelSession> batch, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddFunnelSessionsOfAnyOrganization(batch);
            await db.SaveInTurnAsync(ct);
        }
        catch
        {
            queue.Release(batch);
            throw;
        }
        queue.Stored(batch);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing new funnel sessions failed; {Count} stay queued for the next try")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown did not leave time to store {Count} new funnel sessions; they are lost")]
    private static partial void LogLostAtShutdown(ILogger logger, Exception exception, int count);
}
