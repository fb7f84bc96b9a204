using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>A published state of a funnel, never changed afterwards: sessions and events name the version they ran
/// on, so analytics compare like with like and a rollback can serve an older one again.</summary>
public sealed class FunnelVersion : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    /// <summary>1, 2, 3… in each funnel.</summary>
    public int Number { get; private set; }
    /// <summary>The steps as published: <see cref="FunnelSnapshot"/> JSON.</summary>
    public string Snapshot { get; private set; } = "";
    public DateTime PublishedAt { get; private set; }

    private FunnelVersion() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.FunnelVersion, Id);

    public static FunnelVersion Create(Funnel funnel, int number, FunnelSnapshot snapshot, DateTime now) => new()
    {
        OrganizationId = funnel.OrganizationId,
        FunnelId = funnel.Id,
        Number = number,
        Snapshot = snapshot.ToJson(),
        PublishedAt = now,
    };

    public FunnelSnapshot Steps() => FunnelSnapshot.FromJson(Snapshot);
}
