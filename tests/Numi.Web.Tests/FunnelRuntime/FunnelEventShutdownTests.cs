using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Data.Sqlite;
using Numi.Infrastructure.Persistence;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>The web host's funnel event writer on a clean stop: what was queued is in the database afterwards. An
/// app of its own, since the test stops it.</summary>
public sealed class FunnelEventShutdownTests
{
    [Fact]
    public async Task Events_queued_before_a_clean_shutdown_are_all_stored_after_it()
    {
        await using var factory = new NumiFactory();
        using var funnel = await FunnelShop.CreateAsync(factory);
        using (var shopper = factory.CreateBrowser()) await shopper.GetPageAsync(funnel.Path);
        var session = await factory.WithDbAsync(db => db.FunnelSessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.FunnelId == funnel.FunnelKey));
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
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM funnel_events WHERE Kind = 'StepCompleted'";
        Assert.Equal(queued, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
