using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Numi.Core.Clocks;
using Numi.Core.Funnels.Events;
using Numi.Core.Funnels.Experiments;
using Numi.Infrastructure.Funnels;

namespace Numi.Bench;

/// <summary>What recording a funnel event costs the page that records it, and what the A/B statistics cost. The
/// enqueue cases read the event back at once (the writer's side, single reader) so the bounded queue never fills;
/// their time is therefore an upper bound of the page's share. <see cref="DropWhenFull"/> times the path a page takes
/// when the store has fallen behind and the queue is full.</summary>
[MemoryDiagnoser]
public class FunnelBenchmarks
{
    private static readonly ControllableClock Clock = new(TimeProvider.System, controllable: false);

    private FunnelEventQueue _queue = default!;
    private FunnelEventQueue _full = default!;
    private FunnelEventIntake _intake = default!;
    private AcceptedFunnelEvent _event = default!;
    private FunnelEventInput _input = default!;
    private FunnelEventContext _context = default!;
    private AbArm _control = default!;
    private AbArm[] _variants = default!;
    private WeightedArm[] _arms = default!;
    private string _visitor = default!;

    [GlobalSetup]
    public void Setup()
    {
        _queue = Queue(100_000);
        _full = Queue(1);
        _full.TryEnqueue(Event());
        _event = Event();
        // A budget no run reaches, so every Record call takes the accepting path.
        _intake = new FunnelEventIntake(_queue, new SessionEventBudget(Clock, int.MaxValue), Clock);
        _context = new FunnelEventContext(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            new HashSet<string>(StringComparer.Ordinal) { "landing", "checkout", "upsell-1" }, new HashSet<string>(StringComparer.Ordinal) { "a", "b" });
        _input = new FunnelEventInput("order_completed", "checkout", "b", 4_999, "usd");
        _control = new AbArm("a", "A", 1_000, 200, 400_000);
        _variants = [new AbArm("b", "B", 1_000, 250, 612_345)];
        _arms = [new WeightedArm("a", 50), new WeightedArm("b", 50)];
        _visitor = VisitorId.New().Value;

        if (_intake.Record(_input, _context) != FunnelEventOutcome.Queued || !_queue.Reader.TryRead(out _))
            throw new InvalidOperationException("The intake refused the benchmark's event.");
        if (_full.TryEnqueue(_event)) throw new InvalidOperationException("The full queue took an event.");
    }

    [Benchmark(Description = "TryEnqueue + read back")]
    public bool Enqueue()
    {
        var queued = _queue.TryEnqueue(_event);
        _queue.Reader.TryRead(out _);
        return queued;
    }

    [Benchmark(Description = "TryEnqueue, queue full (drop)")]
    public bool DropWhenFull() => _full.TryEnqueue(_event);

    [Benchmark(Description = "Intake.Record (validate, budget, enqueue) + read back")]
    public FunnelEventOutcome Record()
    {
        var outcome = _intake.Record(_input, _context);
        _queue.Reader.TryRead(out _);
        return outcome;
    }

    [Benchmark(Description = "z-test: ZScore + two-sided p")]
    public double ZTest() => StandardNormal.TwoSidedPValue(AbComparison.ZScore(200, 1_000, 250, 1_000));

    [Benchmark(Description = "AbComparison.Compare, 2 arms (with verdict text)")]
    public AbComparisonResult Compare() => AbComparison.Compare(_control, _variants);

    [Benchmark(Description = "VariantPicker.Pick, 2 arms")]
    public WeightedArm Pick() => VariantPicker.Pick(_visitor, "checkout", _arms);

    private static FunnelEventQueue Queue(int capacity) =>
        new(Options.Create(new FunnelEventOptions { EventQueueCapacity = capacity }), Clock, NullLogger<FunnelEventQueue>.Instance);

    private static AcceptedFunnelEvent Event() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
        "checkout", "b", FunnelEventKinds.OrderCompleted, 4_999, "usd", new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc));
}
