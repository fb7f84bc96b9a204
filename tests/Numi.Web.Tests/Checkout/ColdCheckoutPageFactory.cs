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
public sealed class ColdCheckoutPageFactory : NumiFactory
{
    public CommandLog Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Commands));
    }

    public sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        /// <summary>The commands run by <paramref name="work"/>.</summary>
        public async Task<IReadOnlyList<string>> DuringAsync(Func<Task> work)
        {
            _texts.Clear();
            await work();
            return [.. _texts];
        }

        /// <summary>Called once for every command EF runs (query, scalar or non-query, sync or async), its text set.</summary>
        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (!result.CommandText.Contains("FROM \"clock_settings\"", StringComparison.Ordinal)) _texts.Enqueue(result.CommandText);
            return result;
        }
    }
}
