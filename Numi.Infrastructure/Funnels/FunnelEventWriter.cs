using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Numi.Core.Clocks;
using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Funnels;

/// <summary>Moves funnel events from <see cref="FunnelEventQueue"/> to the <see cref="IFunnelEventStore"/> in batches:
/// it waits for an event, then gathers up to <see cref="FunnelEventOptions.MaxBatch"/> or whatever else arrives within
/// <see cref="FunnelEventOptions.BatchWindow"/>, and stores them in one call, so the database sees one write per batch
/// and not one per page view.
/// <para>A batch the store refuses is tried again after a short, doubling wait, up to
/// <see cref="FunnelEventOptions.StoreAttempts"/> times; then it is counted as failed and logged (its size and the
/// error, never its contents) and the writer carries on: losing analytics must never take the host down.</para>
/// <para>On a clean stop, after the web server has stopped taking requests (the host stops services in reverse
/// order), the queue is closed and every event in it is written before <see cref="StopAsync"/> returns, unless the
/// host's shutdown timeout runs out first; what is left then is counted as failed and logged.</para>
/// <para>The store is resolved from a new scope per batch, so an EF Core store can be a scoped service.</para></summary>
public sealed partial class FunnelEventWriter(
    FunnelEventQueue queue,
    IServiceScopeFactory scopes,
    IOptions<FunnelEventOptions> options,
    ControllableClock clock,
    ILogger<FunnelEventWriter> logger) : BackgroundService
{
    private readonly FunnelEventOptions _options = options.Value;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The host stops waiting; base.StopAsync cancels the writer, which counts what it could not write.
            }
        }
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AcceptedFunnelEvent>(_options.MaxBatch);
        try
        {
            while (await GatherAsync(batch, stoppingToken))
            {
                await WriteAsync(batch.ToArray(), stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var lost = batch.Count + queue.Queued;
            queue.CountFailed(lost);
            LogLostAtShutdown(logger, lost);
        }
    }

    /// <summary>Fills <paramref name="batch"/>; false once the queue is closed and empty.</summary>
    private async Task<bool> GatherAsync(List<AcceptedFunnelEvent> batch, CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        if (!await reader.WaitToReadAsync(stoppingToken)) return false;
        // Not linked to stoppingToken: that is cancelled only once the drain has run out of time, and the window is short.
        using var window = new CancellationTokenSource(_options.BatchWindow, clock);
        while (batch.Count < _options.MaxBatch)
        {
            if (reader.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }
            try
            {
                // False when the queue is closed and empty: a draining writer does not wait out the window.
                if (!await reader.WaitToReadAsync(window.Token)) break;
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested)
            {
                break;
            }
        }
        return true;
    }

    private async Task WriteAsync(AcceptedFunnelEvent[] events, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IFunnelEventStore>().AppendAsync(events, stoppingToken);
                queue.CountWritten(events.Length);
                return;
            }
            catch (Exception e) when (!(e is OperationCanceledException && stoppingToken.IsCancellationRequested))
            {
                if (attempt >= _options.StoreAttempts)
                {
                    queue.CountFailed(events.Length);
                    LogBatchFailed(logger, e, events.Length, attempt);
                    return;
                }
                LogBatchRetry(logger, events.Length, attempt, e.GetType().Name);
            }
            await Task.Delay(_options.RetryBackoff * Math.Pow(2, attempt - 1), clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} funnel events failed on attempt {Attempt} ({ErrorType}); trying again")]
    private static partial void LogBatchRetry(ILogger logger, int count, int attempt, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} funnel events could not be stored after {Attempts} attempts and are lost")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown did not leave time to store {Count} queued funnel events; they are lost")]
    private static partial void LogLostAtShutdown(ILogger logger, int count);
}
