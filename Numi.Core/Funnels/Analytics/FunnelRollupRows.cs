using Numi.Core.Common;

namespace Numi.Core.Funnels.Analytics;

/// <summary>Rows of the analytics' rollup (<see cref="FunnelRollup"/>). A step key of <see cref="FunnelRollup.AnyStep"/>
/// (arm <see cref="FunnelRollup.AnyStep"/> too) stands for the whole funnel; any other row is one step and arm, the arm
/// being <see cref="FunnelStepLayout.ArmKey"/> of the event's variant.
/// <para>This one: that a session did <see cref="Kind"/> on a step and arm (or anywhere in the funnel), recorded once: the
/// primary key makes a second insert a unique-key race, never a second count.</para></summary>
public sealed class FunnelSessionFirst : IOrganizationOwned
{
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    public Guid FunnelSessionId { get; private set; }
    public FunnelEventKind Kind { get; private set; }
    public string StepKey { get; private set; } = "";
    public string ArmKey { get; private set; } = "";

    private FunnelSessionFirst() { }

    public static FunnelSessionFirst Of(FunnelEvent first, string stepKey, string armKey) => new()
    {
        OrganizationId = first.OrganizationId,
        FunnelId = first.FunnelId,
        FunnelSessionId = first.FunnelSessionId,
        Kind = first.Kind,
        StepKey = stepKey,
        ArmKey = armKey,
    };
}

/// <summary>A row of one funnel's day in the rollup.</summary>
public interface IFunnelDayRow
{
    Guid FunnelId { get; }
    DateTime Day { get; }
}

/// <summary>Sessions whose first <see cref="Kind"/> on a step and arm (or in the funnel) fell on <see cref="Day"/>
/// (midnight UTC). <see cref="Sessions"/> is the concurrency token: two writers adding to one row cannot lose a count.</summary>
public sealed class FunnelDailySessions : IOrganizationOwned, IFunnelDayRow
{
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    public DateTime Day { get; private set; }
    public FunnelEventKind Kind { get; private set; }
    public string StepKey { get; private set; } = "";
    public string ArmKey { get; private set; } = "";
    public long Sessions { get; private set; }

    private FunnelDailySessions() { }

    public static FunnelDailySessions Of(Guid organizationId, Guid funnelId, DateTime day, FunnelEventKind kind, string stepKey, string armKey,
        long sessions) => new()
    {
        OrganizationId = organizationId, FunnelId = funnelId, Day = day, Kind = kind, StepKey = stepKey, ArmKey = armKey, Sessions = sessions,
    };
}

/// <summary>Money (orders and accepted upsells, minor units) earned on <see cref="Day"/> in one currency: by the whole
/// funnel, or by the sessions that had been shown one step's arm. <see cref="AmountMinor"/> is the concurrency token.</summary>
public sealed class FunnelDailyRevenue : IOrganizationOwned, IFunnelDayRow
{
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    public DateTime Day { get; private set; }
    public string StepKey { get; private set; } = "";
    public string ArmKey { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public long AmountMinor { get; private set; }

    private FunnelDailyRevenue() { }

    public static FunnelDailyRevenue Of(Guid organizationId, Guid funnelId, DateTime day, string stepKey, string armKey, string currency,
        long amountMinor) => new()
    {
        OrganizationId = organizationId, FunnelId = funnelId, Day = day, StepKey = stepKey, ArmKey = armKey, Currency = currency,
        AmountMinor = amountMinor,
    };
}
