using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>An in-memory store that records every batch it is given, and can be told to fail.</summary>
public sealed class FakeFunnelEventStore : IFunnelEventStore
{
    private int _failuresLeft;

    public ConcurrentQueue<IReadOnlyList<AcceptedFunnelEvent>> Batches { get; } = new();
    public int Calls;

    /// <summary>The next this many calls throw; -1 fails every call.</summary>
    public void FailNext(int calls) => Volatile.Write(ref _failuresLeft, calls);

    public IEnumerable<AcceptedFunnelEvent> Events => Batches.SelectMany(b => b);

    /// <summary>How long each call takes, as a database round trip would.</summary>
    public TimeSpan Delay { get; set; }

    public async Task AppendAsync(IReadOnlyList<AcceptedFunnelEvent> events, CancellationToken ct)
    {
        Interlocked.Increment(ref Calls);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
        var left = Volatile.Read(ref _failuresLeft);
        if (left == -1 || (left > 0 && Interlocked.Decrement(ref _failuresLeft) >= 0))
            throw new InvalidOperationException("The database is away.");
        Batches.Enqueue([.. events]);
    }
}

/// <summary>Log lines written through any logger of a host, for asserting on warnings.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Lines.Enqueue((logLevel, category, formatter(state, exception)));
    }
}

/// <summary>A generic host with the funnel event pipeline over a <see cref="FakeFunnelEventStore"/>.</summary>
public sealed class FunnelEventHost : IAsyncDisposable
{
    public FunnelEventHost(IDictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Numi:Funnels:RetryBackoff"] = "00:00:00.001",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(Logs);
        builder.Services.AddFunnelEvents(builder.Configuration);
        builder.Services.AddSingleton<IFunnelEventStore>(Store);
        Host = builder.Build();
    }

    public IHost Host { get; }
    public FakeFunnelEventStore Store { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public FunnelEventQueue Queue => Host.Services.GetRequiredService<FunnelEventQueue>();

    /// <summary>Waits (up to 10 s) until the store has been given <paramref name="count"/> events, written or failed.</summary>
    public async Task SettledAsync(long count)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (Queue.Snapshot() is var s && s.Written + s.Failed < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Only {s.Written} written and {s.Failed} failed of {count}.");
            await Task.Delay(5);
        }
    }

    public static AcceptedFunnelEvent Event(int n = 0) => new(
        Guid.CreateVersion7(), Guid.Empty, Guid.Empty, Guid.Empty, $"step-{n}", null, FunnelEventKinds.StepViewed, null, null,
        new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc));

    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else Host.Dispose();
    }
}
