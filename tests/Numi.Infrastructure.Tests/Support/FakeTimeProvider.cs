namespace Numi.Infrastructure.Tests.Support;

/// <summary>A clock the test sets by hand.</summary>
public sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public DateTimeOffset UtcNow { get; set; } = utcNow;

    public DateTime Now => UtcNow.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void Advance(TimeSpan by) => UtcNow += by;
}
