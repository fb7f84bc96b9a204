using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>A new step of <see cref="Type"/> at <see cref="Position"/> (0 first; absent appends), named after its type
/// unless <see cref="Name"/> is given.</summary>
public sealed record AddFunnelStep(Guid FunnelId, int ExpectedRevision, FunnelStepType Type, string? Name = null, int? Position = null);

public sealed class AddFunnelStepHandler(FunnelEditor editor)
{
    public async Task<Result<FunnelStep>> HandleAsync(AddFunnelStep command, CancellationToken ct)
    {
        if (command.Name is { } name && (name.Trim().Length > StepFieldsValidator.MaxNameLength || !Validation.NoControlCharacters(name)))
            return Error.Invalid("name", $"A step's name is one line of at most {StepFieldsValidator.MaxNameLength} characters.");
        return await editor.EditStepAsync(command.FunnelId, command.ExpectedRevision,
            funnel => funnel.AddStep(command.Type, command.Name, command.Position), ct);
    }
}
