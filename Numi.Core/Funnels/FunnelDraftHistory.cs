using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>The draft steps as they were before one change, for undo. Only the latest <see cref="Kept"/> are kept.</summary>
public sealed class FunnelDraftHistory : IOrganizationOwned
{
    public const int Kept = 20;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    /// <summary>The funnel's revision these steps belonged to.</summary>
    public int Revision { get; private set; }
    public string Snapshot { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    private FunnelDraftHistory() { }

    public static FunnelDraftHistory Of(Funnel funnel, string snapshot, DateTime now) => new()
    {
        OrganizationId = funnel.OrganizationId,
        FunnelId = funnel.Id,
        Revision = funnel.Revision,
        Snapshot = snapshot,
        CreatedAt = now,
    };
}
