using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;

namespace Numi.Web.Tests.Interactive;

/// <summary>An <see cref="IFunnelCanvasData"/> that records the changes sent and answers them with <see cref="Answer"/>.</summary>
internal sealed class FakeFunnelCanvasData(FunnelDetails? funnel) : IFunnelCanvasData
{
    public const string FunnelId = "funnel_test";

    public FunnelDetails? Funnel { get; set; } = funnel;
    public List<FunnelChange> Changes { get; } = [];
    public int Reads { get; private set; }

    /// <summary>What a change answers; by default the funnel unchanged at the next revision.</summary>
    public Func<FunnelChange, FunnelSaveResult>? Answer { get; set; }

    public Task<FunnelDetails?> ReadAsync(string funnelId, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(Funnel);
    }

    public Task<string> ReadOrganizationSlugAsync(CancellationToken ct) => Task.FromResult("acme");

    public Task<List<FunnelOfferChoice>> ListOffersAsync(CancellationToken ct) =>
        Task.FromResult<List<FunnelOfferChoice>>([new("offer_demo", "Demo offer", "published")]);

    public Task<FunnelSaveResult> ChangeAsync(string funnelId, FunnelChange change, CancellationToken ct)
    {
        Changes.Add(change);
        return Task.FromResult(Answer?.Invoke(change) ?? new FunnelSaveResult(Funnel! with { Revision = change.Revision + 1 }, null));
    }

    public static FunnelDetails Empty() => new("funnel_test", "Spring sale", "spring", "draft", 3, true, null, [], [], [], 0, 0);

    public static FunnelStepData Step(string key, string type, int position, params FunnelViolationData[] violations) =>
        new(key, type, key, position, null, [], [], 100, [], new StepTestData("running", null), violations);

    /// <summary>Landing then checkout; the checkout has no offer yet, which stops publishing.</summary>
    public static FunnelDetails TwoSteps() => Empty() with
    {
        Steps =
        [
            Step("landing", "landing", 0),
            Step("checkout", "checkout", 1, new FunnelViolationData("checkout", "offer_missing", "Choose the offer this checkout sells.")),
        ],
    };

    public static FunnelSaveResult Stale() => new(null, new FunnelProblem(409, "state_conflict",
        "This funnel was changed in another window (now at revision 9). Reload to see the latest version.", "revision", []));
}
