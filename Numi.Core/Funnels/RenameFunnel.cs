using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>A new name and slug (the slug is made from the name when empty). Visitors on the old URL find nothing:
/// renaming a published funnel's slug moves it.</summary>
public sealed record RenameFunnel(Guid FunnelId, int ExpectedRevision, string? Name, string? Slug = null) : IFunnelFields;

public sealed class RenameFunnelHandler(FunnelEditor editor, IValidator<RenameFunnel> validator)
{
    public async Task<Result<Funnel>> HandleAsync(RenameFunnel command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Funnel>.Failure(errors);
        var slug = FunnelFieldsValidator<RenameFunnel>.SlugOf(command);
        return await editor.EditAsync(command.FunnelId, command.ExpectedRevision, async funnel =>
        {
            if (await FunnelSlugs.TakenAsync(editor.Db, slug, funnel.Id, ct) is { } taken) return taken;
            funnel.Rename(command.Name!, slug);
            return funnel;
        }, ct);
    }
}
