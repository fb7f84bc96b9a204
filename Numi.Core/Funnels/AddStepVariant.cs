using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>A new A/B variant of a step (keys "a", "b", … in order); the step's test starts running.</summary>
public sealed record AddStepVariant(Guid FunnelId, int ExpectedRevision, string StepKey, VariantFields Fields);

public sealed class AddStepVariantHandler(FunnelEditor editor, IValidator<VariantFields> validator)
{
    public async Task<Result<Funnel>> HandleAsync(AddStepVariant command, CancellationToken ct) =>
        await StepVariants.CheckAsync(editor, validator, command.Fields, ct) is { } errors ? Result<Funnel>.Failure(errors)
            : await editor.EditStepAsync(command.FunnelId, command.ExpectedRevision, command.StepKey, step => step.AddVariant(command.Fields), ct);
}

internal static class StepVariants
{
    /// <summary>The fields' errors, or null when they are fine and their offer (if any) exists.</summary>
    public static async Task<IReadOnlyList<Error>?> CheckAsync(FunnelEditor editor, IValidator<VariantFields> validator, VariantFields fields, CancellationToken ct)
    {
        var errors = validator.Check(fields);
        if (errors.Count > 0) return errors;
        var offer = fields.OfferId is { } id ? new[] { id } : [];
        return await FunnelResults.CheckOffersExistAsync(editor.Db, offer, "offer", ct) is { } missing ? [missing] : null;
    }
}
