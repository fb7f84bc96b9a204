using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>An app of its own that records every database command it runs, so a test can count what one request ran
/// (nothing else runs meanwhile: jobs are off and the class's tests run one at a time; the one timer left, ClockSync's
/// read of Numi's clock every 5 s, is not counted).</summary>
public class ColdCheckoutPageFactory : NumiFactory
{
    public CommandLog Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IInterceptor>(Commands);
            services.AddSingleton<IInterceptor>(Commands.Opens);
        });
    }

    public sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();
        private readonly ConcurrentDictionary<Microsoft.EntityFrameworkCore.DbContext, bool> _counted = new();

        /// <summary>Connections opened, per context.</summary>
        public ConnectionLog Opens { get; } = new();

        /// <summary>How many times the contexts that ran the commands of the last <see cref="DuringAsync"/> opened a
        /// connection (ClockSync's own context left out, as its commands are).</summary>
        public int ConnectionsOpened => _counted.Keys.Sum(Opens.Of);

        /// <summary>The commands run by <paramref name="work"/>.</summary>
        public async Task<IReadOnlyList<string>> DuringAsync(Func<Task> work)
        {
            _texts.Clear();
            _counted.Clear();
            Opens.Clear();
            await work();
            return [.. _texts];
        }

        /// <summary>Called once for every command EF runs (query, scalar or non-query, sync or async), its text set.</summary>
        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (result.CommandText.Contains("FROM \"clock_settings\"", StringComparison.Ordinal)) return result;
            _texts.Enqueue(result.CommandText);
            if (eventData.Context is { } context) _counted[context] = true;
            return result;
        }
    }

    public sealed class ConnectionLog : DbConnectionInterceptor
    {
        private readonly ConcurrentDictionary<Microsoft.EntityFrameworkCore.DbContext, int> _opened = new();

        public int Of(Microsoft.EntityFrameworkCore.DbContext context) => _opened.GetValueOrDefault(context);

        public void Clear() => _opened.Clear();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count(eventData);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Count(eventData);
            return Task.CompletedTask;
        }

        private void Count(ConnectionEndEventData eventData)
        {
            if (eventData.Context is { } context) _opened.AddOrUpdate(context, 1, (_, n) => n + 1);
        }
    }
}
