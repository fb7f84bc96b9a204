using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Offers arranged into steps a shopper walks through (landing, checkout, upsells, thank-you). Merchants edit
/// the draft steps; publishing freezes them into a <see cref="FunnelVersion"/>, which is what shoppers see.
/// <see cref="Revision"/> counts every change, so an editor open on an older revision is refused instead of
/// overwriting someone else's work.</summary>
public sealed class Funnel : IOrganizationOwned, ICreatedInOrder
{
    public const int MaxSteps = 20;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public FunnelStatus Status { get; private set; }
    public int Revision { get; private set; } = 1;
    public Guid? PublishedVersionId { get; private set; }
    /// <summary>The draft differs from the published version (or nothing is published yet).</summary>
    public bool HasUnpublishedChanges { get; private set; } = true;
    public List<FunnelStep> Steps { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private Funnel() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.Funnel, Id);

    public IEnumerable<FunnelStep> OrderedSteps => Steps.OrderBy(s => s.SortOrder).ThenBy(s => s.Key, StringComparer.Ordinal);

    public static Funnel Create(Guid organizationId, string name, string slug, DateTime now) => new()
    {
        OrganizationId = organizationId,
        Name = name.Trim(),
        Slug = Organizations.Slug.Normalize(slug),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public FunnelStep? FindStep(string key) => Steps.FirstOrDefault(s => s.Key == key);

    /// <summary>Null when <paramref name="expected"/> is the current revision; else the conflict an editor shows.</summary>
    public Error? CheckRevision(int expected) => expected == Revision ? null : StaleRevision(Revision);

    public static Error StaleRevision(int current) => Error.Conflict(
        $"This funnel was changed in another window (now at revision {current}). Reload to see the latest version.", "revision");

    /// <summary>Counts a change: every editor still on the previous revision is now stale.</summary>
    internal void Touch(DateTime now)
    {
        Revision++;
        UpdatedAt = now;
    }

    internal void DraftChanged(DateTime now)
    {
        Touch(now);
        HasUnpublishedChanges = true;
    }

    public void Rename(string name, string slug)
    {
        Name = name.Trim();
        Slug = Organizations.Slug.Normalize(slug);
    }

    /// <summary>A new step of <paramref name="type"/> at <paramref name="position"/> (0 first; null or past the end
    /// appends), named after its type unless <paramref name="name"/> says otherwise.</summary>
    public Result<FunnelStep> AddStep(FunnelStepType type, string? name, int? position)
    {
        if (!Enum.IsDefined(type)) return Error.Invalid("type", "Unknown step type.");
        if (Steps.Count >= MaxSteps) return Error.Conflict($"A funnel has at most {MaxSteps} steps.", "steps");
        var step = FunnelStep.Create(this, FunnelStep.NewKey(Steps.Select(s => s.Key)), type,
            string.IsNullOrWhiteSpace(name) ? type.DefaultName() : name);
        InsertAt(step, position);
        return step;
    }

    /// <summary>Moves a step to <paramref name="index"/> (clamped to the funnel): a drop, or one place up or down.</summary>
    public Result<FunnelStep> MoveStep(string key, int index)
    {
        if (FindStep(key) is not { } step) return NoSuchStep(key);
        var ordered = OrderedSteps.Where(s => s != step).ToList();
        ordered.Insert(Math.Clamp(index, 0, ordered.Count), step);
        Renumber(ordered);
        return step;
    }

    /// <summary>A copy of the step right after it, with a key of its own (and so no share in the original's events).</summary>
    public Result<FunnelStep> DuplicateStep(string key)
    {
        if (FindStep(key) is not { } original) return NoSuchStep(key);
        if (Steps.Count >= MaxSteps) return Error.Conflict($"A funnel has at most {MaxSteps} steps.", "steps");
        var copy = FunnelStep.Create(this, FunnelStep.NewKey(Steps.Select(s => s.Key)), original.Type, original.Name);
        copy.CopyFrom(original, 0);
        InsertAt(copy, OrderedSteps.ToList().IndexOf(original) + 1);
        return copy;
    }

    public Result<Funnel> RemoveStep(string key)
    {
        if (FindStep(key) is not { } step) return NoSuchStep(key);
        Steps.Remove(step);
        Renumber(OrderedSteps.ToList());
        return this;
    }

    /// <summary>Makes the draft steps those of <paramref name="snapshot"/>: steps with the same key are kept (their rows,
    /// so nothing downstream sees a new step), others are added or removed.</summary>
    public void RestoreSteps(FunnelSnapshot snapshot)
    {
        Steps.RemoveAll(s => snapshot.Steps.All(w => w.Key != s.Key));
        for (var i = 0; i < snapshot.Steps.Count; i++)
        {
            var wanted = snapshot.Steps[i];
            var step = FindStep(wanted.Key);
            if (step is null) Steps.Add(step = FunnelStep.Create(this, wanted.Key, wanted.Type, wanted.Name));
            step.CopyFrom(wanted, i);
        }
    }

    public FunnelSnapshot Snapshot() => FunnelSnapshot.Of(OrderedSteps);

    internal Result<Funnel> MarkPublished(Guid versionId)
    {
        if (Status == FunnelStatus.Archived) return Error.Conflict("Restore this archived funnel before publishing it.", "status");
        PublishedVersionId = versionId;
        Status = FunnelStatus.Published;
        HasUnpublishedChanges = false;
        return this;
    }

    internal Result<Funnel> Archive()
    {
        if (Status == FunnelStatus.Archived) return Error.Conflict("This funnel is already archived.", "status");
        Status = FunnelStatus.Archived;
        return this;
    }

    /// <summary>Back to what it was before archiving: published when a version exists, else a draft.</summary>
    internal Result<Funnel> Restore()
    {
        if (Status != FunnelStatus.Archived) return Error.Conflict("Only an archived funnel can be restored.", "status");
        Status = PublishedVersionId is null ? FunnelStatus.Draft : FunnelStatus.Published;
        return this;
    }

    public static Error NoSuchStep(string key) => Error.NotFound($"The funnel has no step '{key}'.", "step");

    private void InsertAt(FunnelStep step, int? position)
    {
        var ordered = OrderedSteps.ToList();
        ordered.Insert(Math.Clamp(position ?? ordered.Count, 0, ordered.Count), step);
        if (!Steps.Contains(step)) Steps.Add(step);
        Renumber(ordered);
    }

    private static void Renumber(List<FunnelStep> ordered)
    {
        for (var i = 0; i < ordered.Count; i++) ordered[i].MoveTo(i);
    }
}
