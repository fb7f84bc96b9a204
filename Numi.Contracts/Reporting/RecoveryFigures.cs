namespace Numi.Contracts.Reporting;

/// <summary>How failed renewals were won back: invoices whose first payment attempt failed in [<see cref="From"/>,
/// <see cref="To"/>) (Unix seconds), by retry and by retry strategy. Empty lists when nothing failed.</summary>
public sealed record RecoveryFigures(long From, long To, IReadOnlyList<RecoveryByRetry> ByRetry, IReadOnlyList<RecoveryByStrategy> ByStrategy);

/// <summary>Retry <see cref="Retry"/> (1 is the first attempt after the failed renewal): how many invoices it was made
/// for, and how many it paid, for how much in each currency.</summary>
public sealed record RecoveryByRetry(int Retry, int Retried, int Recovered, IReadOnlyList<Money> AmountRecovered, decimal RecoveryRate);

/// <summary>The invoices of plans with <see cref="Strategy"/> (<c>mi_optimized</c>, <c>fixed</c>, <c>aggressive</c>,
/// <c>conservative</c>) that failed, and how many of them are paid now.</summary>
public sealed record RecoveryByStrategy(string Strategy, int Failed, int Recovered, IReadOnlyList<Money> AmountRecovered, decimal RecoveryRate);
