namespace Numi.Core.Funnels.Analytics;

/// <summary>Where a step stands in the analytics and what its arms are called: the published version's steps in its
/// order, then steps only older versions had (or only events name), by key, so traffic from before a change is not
/// lost.</summary>
public sealed record FunnelStepLayout(string Key, string Name, bool Published, IReadOnlyList<StepVariant> Variants)
{
    public const string ControlName = "Control";

    public static IReadOnlyList<FunnelStepLayout> Of(IEnumerable<IFunnelStepShape> published, IEnumerable<IFunnelStepShape> older,
        IEnumerable<string> eventStepKeys)
    {
        var layout = published.Select(s => new FunnelStepLayout(s.Key, s.Name, true, s.Variants)).ToList();
        var known = layout.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var olderByKey = older.GroupBy(s => s.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var key in eventStepKeys.Where(k => !known.Contains(k)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            layout.Add(olderByKey.TryGetValue(key, out var step)
                ? new FunnelStepLayout(key, step.Name, false, step.Variants)
                : new FunnelStepLayout(key, key, false, []));
        }
        return layout;
    }

    /// <summary>Events without a variant were recorded on the step's own content.</summary>
    public static string ArmKey(string? variantKey) => string.IsNullOrEmpty(variantKey) ? StepVariant.ControlKey : variantKey;

    /// <summary>Control first, then the version's variants in their order, then keys only events name.</summary>
    public IReadOnlyList<string> ArmKeys(IEnumerable<ArmSessions> arms)
    {
        var keys = new List<string> { StepVariant.ControlKey };
        keys.AddRange(Variants.Select(v => v.Key).Where(k => k != StepVariant.ControlKey));
        keys.AddRange(arms.Where(a => a.StepKey == Key).Select(a => ArmKey(a.VariantKey))
            .Where(k => !keys.Contains(k)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return keys;
    }

    public string ArmName(string key) => key == StepVariant.ControlKey ? ControlName : Variants.FirstOrDefault(v => v.Key == key)?.Name ?? key;
}
