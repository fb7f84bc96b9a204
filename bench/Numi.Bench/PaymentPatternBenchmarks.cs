using BenchmarkDotNet.Attributes;
using Numi.Core.Dunning;

namespace Numi.Bench;

/// <summary>
/// The nightly pattern analysis over 100,000 past payments (the budget: under 10 s), three ways: 10,000
/// customers of 10 payments each in time order (what a job reading payments ordered by customer and time does), one
/// customer with all 100,000 in time order (the linear scan's worst case), and that history shuffled (the sort on a
/// copy). Payments are generated once with a fixed seed; <see cref="Setup"/> checks a learned pattern so a broken
/// learner cannot turn the benchmark into a timing of nothing.
/// </summary>
[MemoryDiagnoser]
public class PaymentPatternBenchmarks
{
    private const int Payments = 100_000;
    private const int PerCustomer = 10;

    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private PastPayment[] _byCustomer = default!;
    private PastPayment[] _oneCustomer = default!;
    private PastPayment[] _shuffled = default!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(13);
        // Each customer pays monthly on a day of their own (1 to 28) around 15:00 UTC; one payment in five fails.
        _byCustomer = new PastPayment[Payments];
        for (var customer = 0; customer < Payments / PerCustomer; customer++)
        {
            var day = 1 + random.Next(28);
            for (var i = 0; i < PerCustomer; i++)
            {
                var at = new DateTime(2026, 1, day, 15, random.Next(60), 0, DateTimeKind.Utc).AddMonths(i - PerCustomer);
                _byCustomer[customer * PerCustomer + i] = new PastPayment(at, random.Next(5) != 0);
            }
        }
        // One payment every three days at 15:00 UTC for 800 years: every local hour is 09:00 or 10:00 in Chicago.
        _oneCustomer = [.. Enumerable.Range(0, Payments).Select(i => new PastPayment(new DateTime(2000, 1, 15, 15, 0, 0, DateTimeKind.Utc).AddDays(3 * i), i % 5 != 0))];
        _shuffled = [.. _oneCustomer.OrderBy(_ => random.Next())];

        var pattern = PaymentPattern.Learn(_oneCustomer, Chicago);
        if (pattern.Payments != Payments || pattern.Sample != PaymentPattern.DefaultSample || !pattern.HasHour)
            throw new InvalidOperationException($"Unexpected pattern: {pattern}");
        if (PaymentPattern.Learn(_shuffled, Chicago) != pattern)
            throw new InvalidOperationException("The shuffled history learned another pattern.");
        if (LearnEveryCustomer() < Payments / PerCustomer / 2)
            throw new InvalidOperationException("Fewer than half the customers have a learned payday.");
    }

    [Benchmark(Description = "100,000 payments: 10,000 customers x 10")]
    public int LearnEveryCustomer()
    {
        var learned = 0;
        var span = _byCustomer.AsSpan();
        for (var start = 0; start < span.Length; start += PerCustomer)
            learned += PaymentPattern.Learn(span.Slice(start, PerCustomer), Chicago).HasPayday ? 1 : 0;
        return learned;
    }

    [Benchmark(Description = "100,000 payments: one customer, in time order")]
    public PaymentPattern LearnOneLongHistory() => PaymentPattern.Learn(_oneCustomer, Chicago);

    [Benchmark(Description = "100,000 payments: one customer, shuffled")]
    public PaymentPattern LearnOneShuffledHistory() => PaymentPattern.Learn(_shuffled, Chicago);
}
