using Numi.Contracts;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Reporting;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Dunning.DunningSteps;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Reporting;

/// <summary>Recovery figures over real failed renewals and retries, on both providers: per retry and per strategy, each
/// organization seeing only its own invoices.</summary>
public sealed class RecoveryFiguresTests
{
    private static async Task<RecoveryFiguresResult> ReadAsync(TestDatabase database, CheckoutSteps shop, DateTime from, DateTime to)
    {
        await using var db = database.CreateContext(shop.Tenant);
        var result = await new ReadRecoveryFiguresHandler(db, shop.Clock).HandleAsync(new ReadRecoveryFigures(from, to), default);
        return new RecoveryFiguresResult(result.Succeeded ? result.Value : null, result.Succeeded ? null : result.FirstError.Param);
    }

    private sealed record RecoveryFiguresResult(Contracts.Reporting.RecoveryFigures? Figures, string? Param);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Recovery_is_counted_per_retry_and_per_strategy_inside_each_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var aggressive = await ShopAsync(database, "aggressive", RetrySettings.Default with { Strategy = RetryStrategy.Aggressive });
        var (paidId, paid) = await FailedRenewalAsync(database, aggressive);
        var (_, retried) = await FailedRenewalAsync(database, aggressive);
        await FailedRenewalAsync(database, aggressive);
        var failedAt = paid.FirstFailedAt!.Value;
        await PayAsync(database, aggressive, paidId, paid);
        if (aggressive.Clock.Now < retried.NextAttemptAt!.Value) aggressive.Clock.UtcNow = retried.NextAttemptAt.Value;
        await using (var db = database.CreateContext(aggressive.Tenant))
            Assert.Equal(BillingResult.Declined, (await Collection(db, aggressive.Clock, new Payments.SimulatedGateway(aggressive.Clock)).CollectAsync(retried.Id, default)).Result);
        var other = await ShopAsync(database, "other");
        var (otherId, otherInvoice) = await FailedRenewalAsync(database, other);
        await PayAsync(database, other, otherId, otherInvoice);

        // Each subscriber starts when the previous one failed, so the failures are a month apart: the period spans them.
        var mine = (await ReadAsync(database, aggressive, failedAt.AddDays(-1), aggressive.Clock.Now.AddDays(1))).Figures!;
        var theirs = (await ReadAsync(database, other, otherInvoice.FirstFailedAt!.Value.AddDays(-1), otherInvoice.FirstFailedAt.Value.AddDays(1))).Figures!;

        var retry = Assert.Single(mine.ByRetry);
        Assert.Equal((1, 2, 1, 0.5m), (retry.Retry, retry.Retried, retry.Recovered, retry.RecoveryRate));
        Assert.Equal([new Money(2_000, "usd")], retry.AmountRecovered);
        var strategy = Assert.Single(mine.ByStrategy);
        Assert.Equal(("aggressive", 3, 1, 0.3333m), (strategy.Strategy, strategy.Failed, strategy.Recovered, strategy.RecoveryRate));
        Assert.Equal([new Money(2_000, "usd")], strategy.AmountRecovered);
        var otherStrategy = Assert.Single(theirs.ByStrategy);
        Assert.Equal(("mi_optimized", 1, 1, 1m), (otherStrategy.Strategy, otherStrategy.Failed, otherStrategy.Recovered, otherStrategy.RecoveryRate));
        Assert.Equal((1, 1), (Assert.Single(theirs.ByRetry).Retried, theirs.ByRetry[0].Recovered));

        // Outside the period nothing counts; a period that ends before it starts is refused, naming the parameter.
        var before = (await ReadAsync(database, aggressive, failedAt.AddDays(-10), failedAt.AddMinutes(-1))).Figures!;
        Assert.Equal((0, 0), (before.ByRetry.Count, before.ByStrategy.Count));
        Assert.Equal("from", (await ReadAsync(database, aggressive, failedAt, failedAt.AddDays(-1))).Param);
    }
}
