using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

public sealed record UpdateStepVariant(Guid FunnelId, int ExpectedRevision, string StepKey, string VariantKey, VariantFields Fields);

public sealed class UpdateStepVariantHandler(FunnelEditor editor, IValidator<VariantFields> validator)
{
    public async Task<Result<Funnel>> HandleAsync(UpdateStepVariant command, CancellationToken ct) =>
        await StepVariants.CheckAsync(editor, validator, command.Fields, ct) is { } errors ? Result<Funnel>.Failure(errors)
            : await editor.EditStepAsync(command.FunnelId, command.ExpectedRevision, command.StepKey,
                step => step.UpdateVariant(command.VariantKey, command.Fields), ct);
}
