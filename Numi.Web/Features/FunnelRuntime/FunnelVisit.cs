using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;
using Numi.Core.Funnels.Experiments;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Funnels;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>One shopper's request to <c>/f/{organization}/{funnel}</c>: the published funnel, entered as its
/// organization (shoppers are signed in as nobody), and the visitor's funnel session, resumed from its cookie or
/// opened. A session keeps the version it started on, so a publish never changes a walk under a shopper's feet.</summary>
public sealed class FunnelVisit(NumiDbContext db, RequestTenant tenant, ControllableClock clock, FunnelEventIntake events,
    PublishedFunnelCache cache, FunnelSessionQueue sessions, FunnelWalks walks)
{
    public const string VisitorCookie = "numi_vid";
    /// <summary>A year: long enough for an A/B arm to stay put between visits, the usual life of a first-party id.</summary>
    private static readonly TimeSpan VisitorLifetime = TimeSpan.FromDays(365);
    /// <summary>A funnel session is one shopping trip: a day and a half covers coming back the next morning.</summary>
    internal static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(36);

    public PublishedFunnel Funnel { get; private set; } = default!;
    /// <summary>The steps of the version the session walks (not necessarily the one published now).</summary>
    public FunnelSnapshot Snapshot { get; private set; } = default!;
    public FunnelSession Session { get; private set; } = default!;
    private IReadOnlySet<string> _stepKeys = new HashSet<string>();
    /// <summary>While the new session is neither stored nor queued: the events recorded for it so far, which wait for
    /// it (an event must not reach the database before its session).</summary>
    private List<FunnelEventInput>? _unstored;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A member's look at the draft (<c>?preview=draft</c>): no session opened, no cookie set, nothing recorded.</summary>
    public bool Preview { get; private set; }

    /// <summary>The draft steps of the organization's funnel for a signed-in member of it; false when the visitor is not
    /// one (or there is no such funnel). The session is a stand-in that is never saved.</summary>
    public async Task<bool> OpenPreviewAsync(string organizationSlug, string funnelSlug, CancellationToken ct)
    {
        var organization = Core.Organizations.Slug.Normalize(organizationSlug);
        if (tenant.Memberships.FirstOrDefault(m => m.Slug == organization) is not { } member) return false;
        tenant.Enter(member.OrganizationId, member.Name, member.Slug, member.Role);
        FunnelSlug = Core.Organizations.Slug.Normalize(funnelSlug);
        var funnel = await db.Funnels.AsNoTracking().Include(f => f.Steps).FirstOrDefaultAsync(f => f.Slug == FunnelSlug, ct);
        if (funnel is null || !funnel.Steps.Any()) return false;
        Snapshot = funnel.Snapshot();
        Funnel = new PublishedFunnel(member.OrganizationId, funnel.Id, funnel.Name, Guid.Empty, 0, Snapshot, member.Name, member.Slug);
        Session = FunnelSession.Start(member.OrganizationId, funnel.Id, Guid.Empty, "preview", Snapshot.Steps[^1].Key, Now);
        Preview = true;
        return true;
    }

    public static string SessionCookie(Guid funnelId) => "numi_fs_" + funnelId.ToString("N")[..12];

    /// <summary>False when no published funnel answers to these slugs (the caller shows the 404 page). A new visitor's
    /// session is not stored yet: <see cref="FinishViewAsync"/> queues it, <see cref="SaveAsync"/> inserts it. Once
    /// opened, the request's visit stays open: a second call (the page after <see cref="FunnelFirstViewMiddleware"/>)
    /// answers true at once.</summary>
    public async Task<bool> OpenAsync(HttpContext http, string organizationSlug, string funnelSlug, CancellationToken ct)
    {
        if (_opened) return true;
        _http = http;
        FunnelSlug = Core.Organizations.Slug.Normalize(funnelSlug);
        var published = await FindPublishedAsync(Core.Organizations.Slug.Normalize(organizationSlug), FunnelSlug, ct);
        if (published is null || published.Snapshot.Steps.Count == 0) return false;
        Funnel = published;
        tenant.Enter(published.OrganizationId, published.OrganizationName, published.OrganizationSlug, role: null);
        if (Checkout.LinkPreviewAgents.Is(http))
        {
            // A link preview or a crawler: the entry page as a new visitor's control arm shows it, and nothing else.
            Snapshot = published.Snapshot;
            Session = FunnelSession.Start(published.OrganizationId, published.FunnelId, published.VersionId, "bot", Snapshot.Steps[0].Key, Now);
            IsBot = true;
        }
        else
        {
            var visitor = VisitorOf(http);
            var resumed = await ResumeAsync(http, visitor.Value, ct);
            if (resumed is not null)
            {
                Session = resumed;
                Snapshot = resumed.FunnelVersionId == published.VersionId ? published.Snapshot : await VersionAsync(resumed.FunnelVersionId, ct);
            }
            else
            {
                Snapshot = published.Snapshot;
                Session = FunnelSession.Start(published.OrganizationId, published.FunnelId, published.VersionId, visitor.Value, Snapshot.Steps[0].Key, Now);
                _unstored = [];
                http.Response.Cookies.Append(SessionCookie(published.FunnelId), Session.Id.ToString("N"), CookieOptions(http, SessionLifetime));
            }
        }
        _stepKeys = Snapshot.Steps.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        _opened = true;
        return true;
    }

    private bool _opened;
    private HttpContext? _http;

    /// <summary>A known link-preview fetcher or crawler (<see cref="Checkout.LinkPreviewAgents"/>): it sees the entry page
    /// (the control arm) with no funnel session, no cookie and no event. <see cref="Session"/> is a stand-in that is
    /// never saved, and its posts change nothing.</summary>
    public bool IsBot { get; private set; }

    /// <summary>Nothing of this visit is stored or recorded: a member's preview, or a bot's view.</summary>
    private bool Unrecorded => Preview || IsBot;

    /// <summary>A new visitor's session, neither stored nor queued yet.</summary>
    public bool IsNewSession => _unstored is not null;

    /// <summary>The published funnel from <see cref="PublishedFunnelCache"/>, or read (and kept) when it is not there.</summary>
    private async Task<PublishedFunnel?> FindPublishedAsync(string organizationSlug, string funnelSlug, CancellationToken ct)
    {
        if (cache.TryGet(organizationSlug, funnelSlug, out var kept)) return kept;
        var readFrom = cache.Generation;
        var found = await db.FindPublishedFunnelAsync(organizationSlug, funnelSlug, ct);
        if (found is not null) cache.Store(organizationSlug, funnelSlug, found, readFrom);
        return found;
    }

    /// <summary>The steps of an earlier version a session still walks (a version never changes, so it is kept).</summary>
    private async Task<FunnelSnapshot> VersionAsync(Guid versionId, CancellationToken ct)
    {
        if (cache.TryGetVersion(versionId, out var kept)) return kept;
        var snapshot = FunnelSnapshot.FromJson(await db.FunnelVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Snapshot).FirstAsync(ct));
        cache.KeepVersion(versionId, snapshot);
        return snapshot;
    }

    /// <summary>The session named by the cookie, if it is this funnel's, this visitor's and active: still queued (it
    /// was opened a moment ago; this request takes it and stores it now, so what it changes is saved as usual), or
    /// stored.</summary>
    private async Task<FunnelSession?> ResumeAsync(HttpContext http, string visitor, CancellationToken ct)
    {
        if (!Guid.TryParseExact(http.Request.Cookies[SessionCookie(Funnel.FunnelId)], "N", out var id)) return null;
        if (await sessions.ClaimAsync(id, Funnel.FunnelId, visitor, ct) is { } queued)
        {
            db.FunnelSessions.Add(queued);
            try
            {
                await db.SaveInTurnAsync(ct);
            }
            catch
            {
                sessions.Release([queued]);
                throw;
            }
            return queued;
        }
        // The visitor must match too: a session id copied into another browser does not carry its walk (or its orders) along.
        return await db.FunnelSessions.FirstOrDefaultAsync(s => s.Id == id && s.FunnelId == Funnel.FunnelId && s.VisitorId == visitor
            && s.Status == FunnelSessionStatus.Active, ct);
    }

    /// <summary>The visitor's random id from the first-party cookie, or a new one set for a year. No fingerprinting:
    /// without the cookie a visitor is new.</summary>
    private static VisitorId VisitorOf(HttpContext http)
    {
        if (VisitorId.TryParse(http.Request.Cookies[VisitorCookie], out var known)) return known;
        var fresh = VisitorId.New();
        http.Response.Cookies.Append(VisitorCookie, fresh.Value, CookieOptions(http, VisitorLifetime));
        return fresh;
    }

    internal static CookieOptions CookieOptions(HttpContext http, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        // Lax: sent when the shopper follows a link to the funnel, never with another site's post (the funnel's forms
        // carry no antiforgery token; a post without the session cookie finds no session and changes nothing).
        SameSite = SameSiteMode.Lax,
        MaxAge = lifetime,
        Path = "/f",
        IsEssential = true,
    };

    public int IndexOf(string key)
    {
        for (var i = 0; i < Snapshot.Steps.Count; i++)
        {
            if (Snapshot.Steps[i].Key == key) return i;
        }
        return -1;
    }

    public SnapshotStep Current => Snapshot.Steps[Math.Max(0, IndexOf(Session.CurrentStepKey))];

    /// <summary>Only steps the session has reached can be shown: the current one and those before it.</summary>
    public bool Reached(string key)
    {
        var index = IndexOf(key);
        return index >= 0 && index <= IndexOf(Session.CurrentStepKey);
    }

    /// <summary>The arm of a tested step this visitor sees, picked once (stable per visitor and step) and remembered.</summary>
    public string ArmOf(SnapshotStep step)
    {
        if (Session.Variants.TryGetValue(step.Key, out var known)) return known;
        if (step.Variants.Count == 0 || IsBot) return StepVariant.ControlKey;
        var picked = PickArm(Session.VisitorId, step);
        Session.Remember(step.Key, picked, Now);
        return picked;
    }

    /// <summary>The arm of <paramref name="step"/> a visitor gets: the same for the same visitor and step every time, so
    /// a view answered without the session (<see cref="FunnelCheckoutStepMiddleware"/>) shows the arm the session remembers.</summary>
    public static string PickArm(string visitorId, SnapshotStep step)
    {
        if (step.Variants.Count == 0) return StepVariant.ControlKey;
        var arms = new List<WeightedArm>(step.Variants.Count + 1) { new(StepVariant.ControlKey, step.ControlWeight) };
        arms.AddRange(step.Variants.Select(v => new WeightedArm(v.Key, v.Weight)));
        return VariantPicker.Pick(visitorId, step.Key, arms).Key;
    }

    public StepVariant? VariantOf(SnapshotStep step) => step.Variants.FirstOrDefault(v => v.Key == ArmOf(step));

    /// <summary>The step after <paramref name="step"/>, skipping downsells when <paramref name="skipDownsells"/> (an upsell
    /// accepted, or a downsell answered); null past the last.</summary>
    public SnapshotStep? After(SnapshotStep step, bool skipDownsells)
    {
        for (var i = IndexOf(step.Key) + 1; i < Snapshot.Steps.Count; i++)
        {
            if (!skipDownsells || Snapshot.Steps[i].Type != FunnelStepType.Downsell) return Snapshot.Steps[i];
        }
        return null;
    }

    public SnapshotStep? FirstOfType(FunnelStepType type) => Snapshot.Steps.FirstOrDefault(s => s.Type == type);

    /// <summary>Queues an event for the writer; never waits on the database, never fails the page (a refused or dropped
    /// event is counted by the intake). A new session's events wait until the session is stored or queued.</summary>
    public void Record(string kind, SnapshotStep step, long? amount = null, string? currency = null)
    {
        if (Unrecorded) return;
        var input = new FunnelEventInput(kind, step.Key, ArmOf(step), amount, currency);
        if (_unstored is not null) _unstored.Add(input);
        else Enqueue(input);
    }

    private void Enqueue(FunnelEventInput input) =>
        events.Record(input, new FunnelEventContext(Session.Id, Session.FunnelId, Session.FunnelVersionId, Session.OrganizationId, _stepKeys));

    /// <summary>In this process's turn to write, as the checkout's saves are: many first views at once would otherwise
    /// queue on SQLite's write lock in its busy handler's sleeps. Nothing to save (a resumed view) is no write; a new
    /// session is inserted with the rest.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        if (Unrecorded) return;
        Issue();
        if (_unstored is not null) db.FunnelSessions.Add(Session);
        if (db.ChangeTracker.HasChanges()) await db.SaveInTurnAsync(ct);
        Stored();
    }

    /// <summary>Gives the browser where the session now stands (<see cref="FunnelWalks"/>).</summary>
    private void Issue()
    {
        if (_http is not null) walks.Issue(_http, Session);
    }

    /// <summary>The end of a view (a GET): a new session with nothing else to save is queued for
    /// <see cref="FunnelSessionWriter"/> instead of inserted, so a first view writes nothing itself; anything else is
    /// <see cref="SaveAsync"/>.</summary>
    public Task FinishViewAsync(CancellationToken ct)
    {
        if (Unrecorded) return Task.CompletedTask;
        if (_unstored is null || db.ChangeTracker.HasChanges() || !sessions.TryQueue(Session)) return SaveAsync(ct);
        Issue();
        Stored();
        return Task.CompletedTask;
    }

    private void Stored()
    {
        if (_unstored is not { } held) return;
        _unstored = null;
        foreach (var input in held) Enqueue(input);
    }

    public string PathOf(SnapshotStep step) => $"/f/{Funnel.OrganizationSlug}/{FunnelSlug}/{step.Key}" + (Preview ? "?preview=draft" : "");

    public string FunnelSlug { get; private set; } = "";
}
