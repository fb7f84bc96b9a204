using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Replaces a step's name, offer(s), blocks and control weight.</summary>
public sealed record UpdateFunnelStep(Guid FunnelId, int ExpectedRevision, string StepKey, StepFields Fields);

public sealed class UpdateFunnelStepHandler(FunnelEditor editor, IValidator<StepFields> validator)
{
    public async Task<Result<Funnel>> HandleAsync(UpdateFunnelStep command, CancellationToken ct)
    {
        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<Funnel>.Failure(errors);
        var fields = command.Fields;
        return await editor.EditStepsAsync(command.FunnelId, command.ExpectedRevision, async funnel =>
        {
            if (funnel.FindStep(command.StepKey) is not { } step) return Funnel.NoSuchStep(command.StepKey);
            if (fields.OfferId is not null && !step.Type.SellsOneOffer())
                return Error.Invalid("offer", $"Only checkout, upsell and downsell steps sell an offer; '{step.Name}' does not.");
            if (fields.OfferIds is { Count: > 0 } && step.Type != FunnelStepType.ProductSelection)
                return Error.Invalid("offers", $"Only a product selection step offers a choice of offers; '{step.Name}' does not.");
            var offers = (fields.OfferIds ?? []).Select(id => (Guid?)id).Append(fields.OfferId).OfType<Guid>().ToHashSet();
            if (await FunnelResults.CheckOffersExistAsync(editor.Db, offers, fields.OfferId is null ? "offers" : "offer", ct) is { } missing) return missing;
            step.Set(fields);
            return funnel;
        }, ct);
    }
}
