using System.Net;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Api.OfferCanvasApiTests;

namespace Numi.Web.Tests.Api;

/// <summary>The canvas's version check on PostgreSQL, which keeps time to the microsecond only: each saved state's
/// version is the one the next change must send, a stale one is refused, and of two changes at once one wins.</summary>
public sealed class OfferCanvasPostgresTests(PostgresNumiFactory factory) : IClassFixture<PostgresNumiFactory>
{
    [Fact]
    public async Task Each_saved_version_takes_the_next_change_and_an_older_one_is_refused()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var (offer, coffee, tiered) = await OfferWithPricesAsync(client);
        var opened = (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state");

        var state = await ChangeAsync(client, offer, opened, $$"""{"kind":"add_line","price":"{{coffee}}"}""");
        state = await ChangeAsync(client, offer, state, $$"""{"kind":"add_order_bump","price":"{{tiered}}"}""");
        state = await ChangeAsync(client, offer, state, """{"kind":"move","slot":"grinder","to":0}""");
        using var stale = await client.PostJsonAsync($"/api/v1/offers/{offer}/canvas",
            $$"""{"version":{{opened.GetProperty("version").GetInt64()}},"kind":"remove","slot":"grinder"}""");

        await stale.ProblemAsync(HttpStatusCode.Conflict, "version_conflict", "version");
        Assert.Equal(2500, state.GetProperty("total_with_order_bumps").GetInt64());
        var stored = (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state");
        Assert.Equal(["coffee_beans", "grinder"], Keys(stored));
        // The answered state is built from the saved offer, not read back: its version must be the one stored.
        Assert.Equal(state.GetProperty("version").GetInt64(), stored.GetProperty("version").GetInt64());
    }

    [Fact]
    public Task Of_two_changes_at_once_from_one_version_one_is_saved_and_the_other_refused() => RaceAsync(factory);
}
