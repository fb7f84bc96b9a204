namespace Numi.Core.Funnels.Experiments;

/// <summary>What a merchant may conclude from a variant against the control, in words they can read as they are
/// (<see cref="Summary"/>). Pattern-match on the case; the text is for display.</summary>
public abstract record AbVerdict(string Summary)
{
    /// <summary>The test cannot be judged yet; <see cref="AbVerdict.Summary"/> says which arm lacks what.</summary>
    public sealed record NotEnoughData(string Missing) : AbVerdict(Missing);

    /// <summary>Enough data, but the difference could well be chance at the chosen confidence.</summary>
    public sealed record NoSignificantDifference(string Text) : AbVerdict(Text);

    /// <summary>The variant converts better than the control at the chosen confidence.</summary>
    public sealed record VariantBetter(string Text) : AbVerdict(Text);

    /// <summary>The control converts better than the variant at the chosen confidence.</summary>
    public sealed record ControlBetter(string Text) : AbVerdict(Text);
}
