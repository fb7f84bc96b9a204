namespace Numi.Core.Dunning;

/// <summary>How a plan spaces the retries of a failed renewal. Stored and sent as snake_case text
/// (<c>mi_optimized</c>, <c>fixed</c>, <c>aggressive</c>, <c>conservative</c>) by <see cref="WireJson"/>'s enum converter,
/// so a member's name is part of the API: rename none. The schedules are documented on <see cref="RetrySchedules"/>.</summary>
public enum RetryStrategy { MiOptimized, Fixed, Aggressive, Conservative }

/// <summary>What happens when the last retry has failed (or no retry fits the plan's limits): <c>save_flow</c>,
/// <c>cancel</c>, <c>pause</c> or <c>manual_review</c> on the wire.</summary>
public enum AfterLastRetry { SaveFlow, Cancel, Pause, ManualReview }
