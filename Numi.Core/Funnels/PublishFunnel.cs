using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Freezes the draft steps into the next version and serves it. Refused, with every rule the steps break
/// (each error's param is <c>steps.{key}</c>, or <c>steps</c> for the whole funnel), while the funnel is not ready.</summary>
public sealed record PublishFunnel(Guid FunnelId, int ExpectedRevision);

public sealed class PublishFunnelHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(PublishFunnel command, CancellationToken ct) =>
        editor.EditAsync(command.FunnelId, command.ExpectedRevision,
            async funnel => (await FunnelPublishing.PublishAsync(editor, funnel, funnel.Snapshot(), ct)).Then(funnel), ct);
}

internal static class FunnelPublishing
{
    public static async Task<Result<FunnelVersion>> PublishAsync(FunnelEditor editor, Funnel funnel, FunnelSnapshot snapshot, CancellationToken ct)
    {
        if (funnel.Status == FunnelStatus.Archived) return Error.Conflict("Restore this archived funnel before publishing it.", "status");
        var violations = await FunnelQueries.ViolationsAsync(editor.Db, snapshot.Steps, ct);
        if (violations.Count > 0) return Result<FunnelVersion>.Failure([.. violations.Select(ToError)]);

        var last = await editor.Db.FunnelVersions.Where(v => v.FunnelId == funnel.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        var version = FunnelVersion.Create(funnel, last + 1, snapshot, editor.Now);
        editor.Db.FunnelVersions.Add(version);
        return funnel.MarkPublished(version.Id).Succeeded ? version : Error.Conflict("This funnel cannot be published now.", "status");
    }

    public static Error ToError(FunnelRuleViolation violation) =>
        new(violation.Code, violation.Message, violation.StepKey is null ? "steps" : "steps." + violation.StepKey);
}
