using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Tenancy;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/funnels/{id}/stats and stats.csv over a published funnel with events written straight to the
/// database (on 1 January 2026, so the period is fixed whatever the clock says).</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelStatsApiTests(NumiFactory factory)
{
    private const string Period = "from=2026-01-01&to=2026-01-02";
    private static readonly DateTime Day = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Stats_count_visitors_steps_orders_and_compare_the_arms()
    {
        var (client, id, checkout) = await FunnelWithTrafficAsync();
        using var _c = client;

        var stats = await client.GetFromJsonElementAsync($"/api/v1/funnels/{id}/stats?{Period}");

        Assert.Equal((id, "2026-01-01", "2026-01-02"), (stats.GetProperty("funnel_id").GetString(), stats.GetProperty("from").GetString(), stats.GetProperty("to").GetString()));
        // Four visitors (two per arm), three checkouts, two orders of $15.00.
        Assert.Equal((4, 3, 2), (stats.GetProperty("visitors").GetInt64(), stats.GetProperty("checkouts_started").GetInt64(), stats.GetProperty("orders").GetInt64()));
        Assert.Equal(("usd", 750), (stats.GetProperty("currency").GetString(), stats.GetProperty("revenue_per_visitor_minor").GetInt64()));
        var step = stats.GetProperty("steps")[0];
        Assert.Equal((checkout, 4, 2), (step.GetProperty("key").GetString(), step.GetProperty("viewed").GetInt64(), step.GetProperty("completed").GetInt64()));
        var arms = step.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(["control", "b"], arms.Select(a => a.GetProperty("key").GetString()));
        Assert.Equal(JsonValueKind.Null, arms[0].GetProperty("comparison").ValueKind);
        var comparison = arms[1].GetProperty("comparison");
        Assert.Equal("not_enough_data", comparison.GetProperty("verdict").GetString());
        Assert.StartsWith("Not enough data yet:", comparison.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_has_one_escaped_row_per_step_and_arm_as_an_attachment()
    {
        var (client, id, checkout) = await FunnelWithTrafficAsync();
        using var _c = client;

        using var response = await client.GetAsync($"/api/v1/funnels/{id}/stats.csv?{Period}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{id}-2026-01-01-2026-01-02.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("step_key,step_name,step_viewed,step_completed,variant_key,variant_name,visitors,conversions,conversion_rate,", lines[0], StringComparison.Ordinal);
        // The step is named 'Pay, "now"': quoted, its quotes doubled. Control: 2 visitors, 1 conversion, $15.00.
        Assert.StartsWith($"{checkout},\"Pay, \"\"now\"\"\",4,2,control,Control,2,1,0.5,usd,1500,750,,,,,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{checkout},\"Pay, \"\"now\"\"\",4,2,b,b,2,1,0.5,usd,1500,750,0,,,not_enough_data,\"Not enough data yet:", lines[2], StringComparison.Ordinal);
        Assert.Equal("", lines[^1]);
    }

    /// <summary>A date that is not one is a 400; a period that cannot be (backwards, empty, over 366 days) a 422, as
    /// the recovery report answers.</summary>
    [Theory]
    [InlineData("from=2026-13-01", 400, "from")]
    [InlineData("from=yesterday", 400, "from")]
    [InlineData("to=1735689600", 400, "to")]
    [InlineData("from=2026-02-01&to=2026-01-01", 422, "from")]
    [InlineData("from=2026-01-01&to=2026-01-01", 422, "from")]
    [InlineData("from=2025-01-01&to=2026-01-03", 422, "to")]
    public async Task Bad_dates_are_a_problem_naming_the_parameter(string query, int status, string param)
    {
        var (client, id, _) = await FunnelWithTrafficAsync();
        using var _c = client;

        foreach (var path in new[] { "stats", "stats.csv" })
        {
            using var response = await client.GetAsync($"/api/v1/funnels/{id}/{path}?{query}");
            await response.ProblemAsync((HttpStatusCode)status, ErrorCodes.ParameterInvalid, param);
        }
    }

    [Fact]
    public async Task Another_organizations_funnel_is_not_found()
    {
        var (owner, id, _) = await FunnelWithTrafficAsync();
        using var _o = owner;
        var (_, stranger) = await factory.NewOrganizationClientAsync();
        using var _s = stranger;

        foreach (var path in new[] { $"/api/v1/funnels/{id}/stats", $"/api/v1/funnels/{id}/stats.csv", "/api/v1/funnels/fnl_nope/stats" })
        {
            using var response = await stranger.GetAsync(path);
            await response.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        }
    }

    /// <summary>A published funnel (checkout named 'Pay, "now"', thank-you) and four sessions on its checkout: control
    /// and variant b each get two visitors, one of whom pays $15.00; three start a checkout.</summary>
    private async Task<(HttpClient Client, string Id, string Checkout)> FunnelWithTrafficAsync()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        var price = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync(), 1500);
        var offer = (await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Beans","slug":"beans-{{Guid.NewGuid().ToString("N")[..8]}}","currency":"usd","status":"published","slots":[{"key":"main","name":"Beans","price":"{{price}}"}]}"""))
            .GetProperty("id").GetString()!;
        var id = (await client.PostOkAsync("/api/v1/funnels", """{"name":"Stats"}""")).GetProperty("id").GetString()!;
        var checkout = (await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"checkout"}"""))
            .GetProperty("steps")[0].GetProperty("key").GetString()!;
        await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":2,"type":"thank_you"}""");
        await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{checkout}", $$"""{"revision":3,"name":"Pay, \"now\"","offer":"{{offer}}"}""");
        await client.PostOkAsync($"/api/v1/funnels/{id}/publish", """{"revision":4}""");

        Assert.True(PublicId.TryParse(IdPrefixes.Funnel, id, out var funnelId));
        await factory.WithDbAsync(async db =>
        {
            var funnel = await db.Funnels.IgnoreQueryFilters().SingleAsync(f => f.Id == funnelId.Value);
            var events = new List<FunnelEvent>();
            foreach (var (n, arm, started, paid) in new[] { (1, "control", true, true), (2, "control", true, false), (3, "b", true, true), (4, "b", false, false) })
            {
                var session = FunnelSession.Start(organizationId, funnel.Id, funnel.PublishedVersionId!.Value, $"visitor-{n}", checkout, Day);
                db.FunnelSessions.Add(session);
                events.Add(FunnelEvent.Of(session, checkout, arm, FunnelEventKind.StepViewed, Day.AddMinutes(n)));
                if (started) events.Add(FunnelEvent.Of(session, checkout, arm, FunnelEventKind.CheckoutStarted, Day.AddMinutes(n + 1)));
                if (!paid) continue;
                events.Add(FunnelEvent.Of(session, checkout, arm, FunnelEventKind.OrderCompleted, Day.AddMinutes(n + 2), 1500, "usd"));
                events.Add(FunnelEvent.Of(session, checkout, arm, FunnelEventKind.StepCompleted, Day.AddMinutes(n + 2)));
            }
            // As the event writer stores them: with the analytics' rollup.
            await db.AddFunnelEventsOfAnyOrganizationAsync(events, default);
            await db.SaveChangesAsync();
        });
        return (client, id, checkout);
    }
}
