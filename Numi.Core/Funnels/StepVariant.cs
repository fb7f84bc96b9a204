namespace Numi.Core.Funnels;

/// <summary>An alternative version of a step in an A/B test. The step itself is the control; a variant overrides its
/// content (<see cref="Blocks"/>; empty keeps the step's own) and optionally its offer. Visitors are split by weight:
/// the step's control weight against each variant's.</summary>
public sealed record StepVariant(string Key, string Name, int Weight, IReadOnlyList<ContentBlock>? Blocks = null, Guid? OfferId = null)
{
    public const int MaxPerStep = 5;
    public const int MaxWeight = 100;
    /// <summary>The key events and sessions use for the step's own content.</summary>
    public const string ControlKey = "control";

    public IReadOnlyList<ContentBlock> OwnBlocks => Blocks ?? [];
}

public enum StepTestStatus { Stopped, Running }

/// <summary>Whether a step's A/B test is splitting traffic, and the variant that won when it was stopped
/// (<see cref="StepVariant.ControlKey"/> when the step's own content won).</summary>
public sealed record StepTestState(StepTestStatus Status, string? WinnerKey = null)
{
    public static readonly StepTestState None = new(StepTestStatus.Stopped);
    public static readonly StepTestState Running = new(StepTestStatus.Running);
}
