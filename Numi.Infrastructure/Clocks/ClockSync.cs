using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Numi.Core.Clocks;

namespace Numi.Infrastructure.Clocks;

/// <summary>Keeps this node's clock on the shared offset: reads it once at start and then every
/// <see cref="Interval"/>, so the clock itself never waits on the database. Runs only where the clock is
/// controllable (outside Production); in Production it does nothing.</summary>
public sealed partial class ClockSync(IServiceScopeFactory scopes, ControllableClock clock, ILogger<ClockSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!clock.Controllable) return;
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await RefreshAsync(stoppingToken);
    }

    /// <summary>Reads the stored offset into the clock. A failed read keeps the last offset: the database may be
    /// briefly away, and the next tick tries again.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            clock.UseOffset(await scope.ServiceProvider.GetRequiredService<ClockStore>().ReadOffsetAsync(ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReadFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the clock offset; keeping the last one.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
