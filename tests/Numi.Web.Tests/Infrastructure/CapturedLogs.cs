using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>Every log entry the app writes, at every level, with its scopes, for tests of what is logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception, string Text);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    /// <summary>Each entry and scope as one line of text: its level, category, message, state and exception.</summary>
    public IEnumerable<string> Lines => _entries.Select(e => e.Text);

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public void Dispose() { }

    private sealed class Recorder(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue(new Entry(LogLevel.None, category, "", null, $"scope {category}: {state}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            entries.Enqueue(new Entry(logLevel, category, message, exception, $"{logLevel} {category}: {message} {state} {exception}"));
        }
    }
}
