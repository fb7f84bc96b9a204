using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Data.Sqlite;
using Numi.Infrastructure.Persistence;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>The web host's funnel event and session writers on a clean stop: what was queued is in the database
/// afterwards. An app of its own per test, since the test stops it.</summary>
public sealed class FunnelEventShutdownTests
{
    [Fact]
    public async Task Events_queued_before_a_clean_shutdown_are_all_stored_after_it()
    {
        await using var factory = new NumiFactory();
        using var funnel = await FunnelShop.CreateAsync(factory);
        using (var shopper = factory.CreateBrowser()) await shopper.GetPageAsync(funnel.Path);
        var session = Assert.Single(await FunnelShop.SessionsAsync(factory, funnel.FunnelKey));
        var context = new FunnelEventContext(session.Id, session.FunnelId, session.FunnelVersionId, session.OrganizationId, new HashSet<string> { funnel.Landing });
        var intake = factory.Services.GetRequiredService<FunnelEventIntake>();
        const int queued = 150;
        for (var i = 0; i < queued; i++)
            Assert.Equal(FunnelEventOutcome.Queued, intake.Record(new FunnelEventInput(FunnelEventKinds.StepCompleted, funnel.Landing), context));

        var database = factory.Services.GetRequiredService<DatabaseOptions>().ConnectionString;

        await factory.Services.GetRequiredService<IHost>().StopAsync();

        // The stopped host has disposed its services: read the SQLite file directly. Only this app's one shopper
        // walked a funnel, and only viewed it, so every completed step is one of the queued events.
        await using var connection = new SqliteConnection(database);
        await connection.OpenAsync();
        Assert.Equal(queued, await CountAsync(connection, "SELECT COUNT(*) FROM funnel_events WHERE Kind = 'StepCompleted'"));
    }

    [Fact]
    public async Task Sessions_queued_by_first_views_before_a_clean_shutdown_are_all_stored_after_it_with_their_events()
    {
        await using var factory = new SlowFunnelWriterFactory();
        using var funnel = await FunnelShop.CreateAsync(factory);
        const int shoppers = 3;
        for (var i = 0; i < shoppers; i++)
        {
            using var shopper = factory.CreateBrowser();
            await shopper.GetPageAsync(funnel.Path);
        }
        var database = factory.Services.GetRequiredService<DatabaseOptions>().ConnectionString;
        Assert.Equal(shoppers, factory.Services.GetRequiredService<FunnelSessionQueue>().Count);

        await factory.Services.GetRequiredService<IHost>().StopAsync();

        await using var connection = new SqliteConnection(database);
        await connection.OpenAsync();
        Assert.Equal(shoppers, await CountAsync(connection, "SELECT COUNT(*) FROM funnel_sessions"));
        Assert.Equal(shoppers, await CountAsync(connection, "SELECT COUNT(DISTINCT FunnelSessionId) FROM funnel_events WHERE Kind = 'StepViewed'"));
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
