using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>A step's whole traffic split at once: <see cref="Weights"/> holds every arm's share in percent, the step's
/// own content under <see cref="StepVariant.ControlKey"/> and each variant under its key. One saved change, so Undo
/// puts the previous split back in one step.</summary>
public sealed record SetStepWeights(Guid FunnelId, int ExpectedRevision, string StepKey, IReadOnlyDictionary<string, int> Weights);

public sealed class SetStepWeightsHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(SetStepWeights command, CancellationToken ct) =>
        editor.EditStepAsync(command.FunnelId, command.ExpectedRevision, command.StepKey, step => step.SetWeights(command.Weights), ct);
}

/// <summary>The rules of a split: every arm named once and nothing else, whole percentages (the control's 0–100, a
/// variant's 1–100: a variant nobody sees is removed, not weighted 0), adding up to 100 so what the merchant reads is
/// what visitors get. Every broken rule is reported, each on the arm it concerns (<c>weights.{key}</c>).</summary>
public static class StepWeights
{
    public const int Total = 100;

    public static IReadOnlyList<Error> Check(IFunnelStepShape step, IReadOnlyDictionary<string, int> weights)
    {
        var errors = new List<Error>();
        foreach (var key in weights.Keys.Where(k => k != StepVariant.ControlKey && step.Variants.All(v => v.Key != k)).Order(StringComparer.Ordinal))
            errors.Add(Error.Invalid(Param(key), $"The step '{step.Name}' has no variant '{key}'."));
        if (!weights.TryGetValue(StepVariant.ControlKey, out var control))
            errors.Add(Error.Missing(Param(StepVariant.ControlKey), "Give the control's weight too: a split sets every arm."));
        else if (control is < 0 or > StepVariant.MaxWeight)
            errors.Add(Error.Invalid(Param(StepVariant.ControlKey), $"The control's weight is from 0 to {StepVariant.MaxWeight}."));
        foreach (var variant in step.Variants)
        {
            if (!weights.TryGetValue(variant.Key, out var weight))
                errors.Add(Error.Missing(Param(variant.Key), $"Give the weight of variant '{variant.Name}' too: a split sets every arm."));
            else if (weight is < 1 or > StepVariant.MaxWeight)
                errors.Add(Error.Invalid(Param(variant.Key), $"The weight of variant '{variant.Name}' is from 1 to {StepVariant.MaxWeight}."));
        }
        if (errors.Count == 0 && weights.Values.Sum() is var sum and not Total)
            errors.Add(Error.Invalid("weights", $"The weights add up to {sum}; they must add up to {Total}."));
        return errors;
    }

    private static string Param(string key) => "weights." + key;
}
