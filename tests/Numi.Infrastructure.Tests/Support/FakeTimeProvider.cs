using Numi.Core.Clocks;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>A clock the test sets by hand.</summary>
public sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public DateTimeOffset UtcNow { get; set; } = utcNow;

    public DateTime Now => UtcNow.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void Advance(TimeSpan by) => UtcNow += by;

    /// <summary>Numi's handlers take its own clock: this gives them one that reads the fake's time.</summary>
    public static implicit operator ControllableClock(FakeTimeProvider fake) => new(fake, controllable: false);
}
