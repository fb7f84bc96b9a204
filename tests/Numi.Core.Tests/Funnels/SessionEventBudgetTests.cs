using Numi.Core.Clocks;
using Numi.Core.Funnels.Events;

namespace Numi.Core.Tests.Funnels;

public sealed class SessionEventBudgetTests
{
    /// <summary>Elapsed time the test moves by hand.</summary>
    private sealed class Stopwatch : TimeProvider
    {
        public long Ticks;
        public override long GetTimestamp() => Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    private readonly Stopwatch _elapsed = new();

    private SessionEventBudget Budget(int max = 3, TimeSpan? forgetAfter = null) =>
        new(new ControllableClock(_elapsed, controllable: false), max, forgetAfter);

    [Fact]
    public void A_session_records_up_to_its_budget_then_is_refused_and_counted()
    {
        var budget = Budget();
        var session = Guid.CreateVersion7();

        Assert.Equal([true, true, true, false, false], Enumerable.Range(0, 5).Select(_ => budget.TryTake(session)));
        Assert.Equal(2, budget.Refused);
        Assert.True(budget.TryTake(Guid.CreateVersion7()));
    }

    [Fact]
    public void The_default_budget_is_200()
    {
        var budget = new SessionEventBudget(new ControllableClock(_elapsed, controllable: false));
        var session = Guid.CreateVersion7();

        Assert.Equal(200, Enumerable.Range(0, 250).Count(_ => budget.TryTake(session)));
        Assert.Equal(50, budget.Refused);
    }

    [Fact]
    public void Concurrent_requests_never_exceed_the_budget()
    {
        var budget = Budget(max: 200);
        var session = Guid.CreateVersion7();
        var taken = 0;

        Parallel.For(0, 10_000, _ => { if (budget.TryTake(session)) Interlocked.Increment(ref taken); });

        Assert.Equal(200, taken);
        Assert.Equal(9_800, budget.Refused);
    }

    [Fact]
    public void Idle_sessions_are_forgotten_and_active_ones_kept()
    {
        var budget = Budget(max: 1, forgetAfter: TimeSpan.FromHours(1));
        var idle = Guid.CreateVersion7();
        var active = Guid.CreateVersion7();
        budget.TryTake(idle);
        budget.TryTake(active);

        for (var i = 0; i < 8; i++)
        {
            _elapsed.Advance(TimeSpan.FromMinutes(15));
            Assert.False(budget.TryTake(active));
        }

        Assert.Equal(1, budget.TrackedSessions);
        Assert.True(budget.TryTake(idle));
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Budget(max: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Budget(forgetAfter: TimeSpan.Zero));
    }
}
