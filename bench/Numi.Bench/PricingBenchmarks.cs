using BenchmarkDotNet.Attributes;
using Numi.Core.Catalog;
using Numi.Core.Common;

namespace Numi.Bench;

/// <summary>
/// <see cref="PriceCalculator.Quote(PricingModel, string, long)"/> for each billing scheme: what one quote costs in
/// time and allocations. Each model is built once; every benchmark returns the quote so none is optimized away, and
/// <see cref="Setup"/> checks the amounts so a broken model cannot turn a benchmark into a timing of the error path.
/// </summary>
[MemoryDiagnoser]
public class PricingBenchmarks
{
    private const string Usd = "usd";

    private PricingModel _perUnit = default!;
    private PricingModel _package = default!;
    private PricingModel _graduated3 = default!;
    private PricingModel _graduated10 = default!;
    private PricingModel _volume3 = default!;

    [GlobalSetup]
    public void Setup()
    {
        _perUnit = PricingModel.PerUnit(2_900);
        _package = PricingModel.Package(10, 2_000);
        // Up to 5 at $5.00, up to 10 at $4.00, then $3.00: the price form's example.
        _graduated3 = PricingModel.Tiered(TiersMode.Graduated,
            new PriceTier(5, 500, null), new PriceTier(10, 400, null), new PriceTier(null, 300, null));
        // Nine tiers of 500 units, each 10 cents cheaper than the one before and with a $1.00 flat fee, then an
        // open-ended tier: 5,000 units reach into all ten.
        _graduated10 = PricingModel.Tiered(TiersMode.Graduated,
            [.. Enumerable.Range(0, 9).Select(i => new PriceTier((i + 1) * 500L, 1_000 - i * 10L, 100)), new PriceTier(null, 900, 100)]);
        _volume3 = PricingModel.Tiered(TiersMode.Volume,
            new PriceTier(5, 500, null), new PriceTier(10, 400, null), new PriceTier(null, 300, null));

        Check(PerUnit(), 12 * 2_900, 1);
        Check(Package(), 2 * 2_000, 1);
        Check(Graduated3Tiers(), 5 * 500 + 5 * 400 + 2 * 300, 3);
        Check(Graduated10Tiers(), Enumerable.Range(0, 9).Sum(i => 500L * (1_000 - i * 10) + 100) + 500L * 900 + 100, 10);
        Check(Volume3Tiers(), 12 * 300, 1);
    }

    [Benchmark(Description = "per_unit, qty 12")]
    public Result<Quote> PerUnit() => PriceCalculator.Quote(_perUnit, Usd, 12);

    [Benchmark(Description = "package of 10, qty 12")]
    public Result<Quote> Package() => PriceCalculator.Quote(_package, Usd, 12);

    [Benchmark(Description = "graduated 3 tiers, qty 12")]
    public Result<Quote> Graduated3Tiers() => PriceCalculator.Quote(_graduated3, Usd, 12);

    [Benchmark(Description = "graduated 10 tiers, qty 5,000")]
    public Result<Quote> Graduated10Tiers() => PriceCalculator.Quote(_graduated10, Usd, 5_000);

    [Benchmark(Description = "volume 3 tiers, qty 12")]
    public Result<Quote> Volume3Tiers() => PriceCalculator.Quote(_volume3, Usd, 12);

    private static void Check(Result<Quote> result, long amount, int lines)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"The benchmark's model is refused: {result.FirstError.Message}");
        if (result.Value.Amount != amount || result.Value.Lines.Count != lines)
            throw new InvalidOperationException($"Expected {amount} in {lines} line(s), got {result.Value.Amount} in {result.Value.Lines.Count}.");
    }
}
