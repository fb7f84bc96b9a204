namespace Numi.Core.Funnels.Analytics;

/// <summary>What a session did once: the primary key of <see cref="FunnelSessionFirst"/>.</summary>
public readonly record struct FunnelFirstKey(Guid SessionId, FunnelEventKind Kind, string StepKey, string ArmKey);

/// <summary>One row of <see cref="FunnelDailySessions"/>.</summary>
public readonly record struct FunnelDayKey(Guid OrganizationId, Guid FunnelId, DateTime Day, FunnelEventKind Kind, string StepKey, string ArmKey);

/// <summary>One row of <see cref="FunnelDailyRevenue"/>.</summary>
public readonly record struct FunnelMoneyKey(Guid OrganizationId, Guid FunnelId, DateTime Day, string StepKey, string ArmKey, string Currency);

/// <summary>The rollup's changes for one batch of events, worked out in memory from the batch and what the database
/// already holds for its sessions: the firsts that are new, and what each daily row gains. Pure, so every rule is
/// tested without a database; <see cref="FunnelRollup"/> does the reading and writing.
/// <para>The rules: a session counts once per kind, step and arm (and once per kind in the whole funnel), on the UTC
/// day of the first such event stored. Money counts on its own day for the funnel and for every arm the session was
/// shown, whichever arrived first: money stored before a view of a new arm (the thank-you page seen after paying, or
/// two nodes' batches crossing) is added to that arm when the view arrives (<see cref="AddEarlierMoney"/>).</para></summary>
public sealed class FunnelRollupPlan
{
    private readonly IReadOnlySet<FunnelFirstKey> _stored;
    private readonly Dictionary<FunnelFirstKey, FunnelEvent> _new = [];

    public Dictionary<FunnelDayKey, long> Sessions { get; } = [];
    public Dictionary<FunnelMoneyKey, long> Revenue { get; } = [];

    private FunnelRollupPlan(IReadOnlySet<FunnelFirstKey> stored) => _stored = stored;

    /// <summary>The firsts this batch adds (not in the stored set, each once, the earliest event of the batch).</summary>
    public IEnumerable<FunnelSessionFirst> NewFirsts => _new.Select(n => FunnelSessionFirst.Of(n.Value, n.Key.StepKey, n.Key.ArmKey));

    /// <param name="events">The batch, in any order.</param>
    /// <param name="stored">The firsts the database holds for the batch's sessions (all kinds).</param>
    public static FunnelRollupPlan Of(IEnumerable<FunnelEvent> events, IReadOnlySet<FunnelFirstKey> stored)
    {
        var plan = new FunnelRollupPlan(stored);
        var ordered = events.OrderBy(e => e.OccurredAt).ToList();
        foreach (var e in ordered)
        {
            foreach (var (step, arm) in KeysOf(e))
            {
                var key = new FunnelFirstKey(e.FunnelSessionId, e.Kind, step, arm);
                if (stored.Contains(key) || !plan._new.TryAdd(key, e)) continue;
                Add(plan.Sessions, new FunnelDayKey(e.OrganizationId, e.FunnelId, DayOf(e), e.Kind, step, arm), 1);
            }
        }
        var shown = stored.Concat(plan._new.Keys).Where(IsArmView).ToLookup(k => k.SessionId);
        foreach (var e in ordered.Where(IsMoney))
        {
            plan.AddMoney(e, FunnelRollup.AnyStep, FunnelRollup.AnyStep);
            foreach (var view in shown[e.FunnelSessionId]) plan.AddMoney(e, view.StepKey, view.ArmKey);
        }
        return plan;
    }

    /// <summary>Sessions shown a new arm in this batch that had paid in an earlier one: their stored money belongs to
    /// that arm too.</summary>
    public IReadOnlyCollection<Guid> SessionsWithEarlierMoney => _new.Keys.Where(IsArmView).Select(k => k.SessionId)
        .Where(s => _stored.Contains(new(s, FunnelEventKind.OrderCompleted, FunnelRollup.AnyStep, FunnelRollup.AnyStep))
            || _stored.Contains(new(s, FunnelEventKind.UpsellAccepted, FunnelRollup.AnyStep, FunnelRollup.AnyStep)))
        .ToHashSet();

    /// <summary>Adds stored money events (of earlier batches) to the arms their sessions are first shown in this one.</summary>
    public void AddEarlierMoney(IEnumerable<FunnelEvent> stored)
    {
        var newViews = _new.Keys.Where(IsArmView).ToLookup(k => k.SessionId);
        foreach (var e in stored.Where(IsMoney))
        {
            foreach (var view in newViews[e.FunnelSessionId]) AddMoney(e, view.StepKey, view.ArmKey);
        }
    }

    public static bool IsMoney(FunnelEvent e) =>
        e.Kind is FunnelEventKind.OrderCompleted or FunnelEventKind.UpsellAccepted && e.AmountMinor is not null && e.Currency is not null;

    public static DateTime DayOf(FunnelEvent e) => DateTime.SpecifyKind(e.OccurredAt.Date, DateTimeKind.Utc);

    /// <summary>The rollup keys an event may be first for: views and completions per step and arm (the A/B figures),
    /// and views, checkouts, orders and accepted upsells in the whole funnel (visitors, checkouts, orders, and whether
    /// a session has paid). Declined upsells count nowhere.</summary>
    private static IEnumerable<(string Step, string Arm)> KeysOf(FunnelEvent e)
    {
        if (e.Kind is FunnelEventKind.StepViewed or FunnelEventKind.StepCompleted) yield return (e.StepKey, FunnelStepLayout.ArmKey(e.VariantKey));
        if (e.Kind is FunnelEventKind.StepViewed or FunnelEventKind.CheckoutStarted or FunnelEventKind.OrderCompleted or FunnelEventKind.UpsellAccepted)
            yield return (FunnelRollup.AnyStep, FunnelRollup.AnyStep);
    }

    private static bool IsArmView(FunnelFirstKey key) => key.Kind == FunnelEventKind.StepViewed && key.StepKey != FunnelRollup.AnyStep;

    private void AddMoney(FunnelEvent e, string step, string arm) =>
        Add(Revenue, new FunnelMoneyKey(e.OrganizationId, e.FunnelId, DayOf(e), step, arm, e.Currency!), e.AmountMinor!.Value);

    private static void Add<TKey>(Dictionary<TKey, long> totals, TKey key, long amount) where TKey : notnull =>
        totals[key] = totals.GetValueOrDefault(key) + amount;
}
