using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Webhooks;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Webhooks;

/// <summary>A batch of webhook events the database refuses: every delivery in it is answered 500 (so Stripe sends it
/// again), none of it is stored, the deliveries of other batches are not affected, and the next batch goes in.</summary>
public sealed class WebhookStoreFailureTests
{
    private const string Secret = "whsec_numi_failure_tests";

    /// <summary>Holds the insert of the gate event until released, so the deliveries behind it queue into one batch;
    /// fails, after the database ran it, the insert holding the poisoned event.</summary>
    private sealed class GateAndPoison : DbCommandInterceptor
    {
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private static bool Holds(DbCommand command, string eventId) =>
            command.CommandText.StartsWith("INSERT INTO", StringComparison.Ordinal) && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, eventId));

        // The inbox writes on a thread of its own, synchronously: waiting here holds only that thread.
        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            if (Holds(command, "evt_gate"))
            {
                Holding.TrySetResult();
                Release.Task.Wait(TimeSpan.FromSeconds(30));
            }
            return result;
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) =>
            Holds(command, "evt_poison") ? throw new InvalidOperationException("The disk is full.") : result;
    }

    private sealed class FailingFactory : NumiFactory
    {
        public GateAndPoison Interceptor { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Interceptor));
        }
    }

    [Fact]
    public async Task Every_delivery_of_a_failing_batch_is_500_and_none_is_stored_while_other_batches_are()
    {
        await using var app = new FailingFactory();
        var (_, slug) = await WebhookMerchants.CreateAsync(app, Secret);
        using var client = app.CreateApiClient(null);
        var inbox = app.Services.GetRequiredService<WebhookInbox>();

        var gate = WebhookInboxEndpointTests.PostAsync(client, slug, WebhookInboxEndpointTests.Event("evt_gate"), Secret);
        await app.Interceptor.Holding.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var batch = Enumerable.Range(0, 9).Select(i => $"evt_ok_{i}").Append("evt_poison")
            .Select(id => WebhookInboxEndpointTests.PostAsync(client, slug, WebhookInboxEndpointTests.Event(id), Secret)).ToList();
        await WaitUntilAsync(() => inbox.Queued == 10);
        app.Interceptor.Release.SetResult();

        Assert.Equal(HttpStatusCode.OK, (await gate).Status);
        foreach (var answer in await Task.WhenAll(batch))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
            Assert.Contains("\"code\":\"event_not_stored\"", answer.Body);
        }
        Assert.Equal(["evt_gate"], await StoredIdsAsync(app));

        var again = await WebhookInboxEndpointTests.PostAsync(client, slug, WebhookInboxEndpointTests.Event("evt_ok_0"), Secret);
        Assert.Equal((HttpStatusCode.OK, """{"received":true,"duplicate":false}"""), again);
        Assert.Equal(["evt_gate", "evt_ok_0"], await StoredIdsAsync(app));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("A batch of 10 webhook events could not be stored", StringComparison.Ordinal));
    }

    private static Task<List<string>> StoredIdsAsync(NumiFactory app) =>
        app.WithDbAsync(db => db.WebhookEvents.IgnoreQueryFilters().OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync());

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
