using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Funnels;

/// <summary>The funnel canvas's data: Core's funnel handlers on the server, <c>/api/v1/funnels</c> in the browser. Both
/// answer each change with the whole funnel as it now is (steps, rule violations, versions, revision), so the canvas
/// shows only what the server decided.</summary>
public interface IFunnelCanvasData
{
    /// <summary>The funnel's draft, or null when the organization has no such funnel.</summary>
    Task<FunnelDetails?> ReadAsync(string funnelId, CancellationToken ct);

    /// <summary>The organization's slug, for the draft's preview address <c>/f/{organization}/{funnel}</c>.</summary>
    Task<string> ReadOrganizationSlugAsync(CancellationToken ct);

    /// <summary>The organization's offers a step can sell, with their status.</summary>
    Task<List<FunnelOfferChoice>> ListOffersAsync(CancellationToken ct);

    /// <summary>Saves one change made from <see cref="FunnelChange.Revision"/>; a stale revision comes back with a
    /// problem whose <see cref="FunnelProblem.IsStale"/> is true, and nothing saved.</summary>
    Task<FunnelSaveResult> ChangeAsync(string funnelId, FunnelChange change, CancellationToken ct);
}

public enum FunnelChangeKind
{
    AddStep, UpdateStep, MoveStep, DuplicateStep, RemoveStep, AddVariant, UpdateVariant, RemoveVariant, SetWeights, StopTest, Undo, Publish, Rollback,
}

/// <summary>One edit of the canvas. <see cref="Step"/> is the step's key; <see cref="Position"/> where a step is added or
/// dropped (0 first); <see cref="Direction"/> "up" or "down" for the keyboard's moves; <see cref="Version"/> the number a
/// rollback publishes again; <see cref="Winner"/> the variant key (or "control") a stopped test keeps;
/// <see cref="Variant"/> the key of the variant changed or removed, <see cref="VariantUpdate"/> its fields (absent keep
/// their value) or a new variant's; <see cref="Weights"/> a step's whole traffic split (control and every variant).</summary>
public sealed record FunnelChange(FunnelChangeKind Kind, int Revision = 0, string? Step = null, string? Type = null, int? Position = null,
    string? Direction = null, UpdateStepRequest? Update = null, int? Version = null, string? Winner = null, string? Variant = null,
    VariantRequest? VariantUpdate = null, IReadOnlyDictionary<string, int>? Weights = null);

public sealed record FunnelSaveResult(FunnelDetails? Funnel, FunnelProblem? Problem);

/// <summary>Why a change was refused. <see cref="Errors"/> lists each broken rule when publishing was refused.</summary>
public sealed record FunnelProblem(int Status, string Code, string Detail, string? Param, IReadOnlyList<FunnelProblemItem> Errors)
{
    /// <summary>The funnel changed since the editor read it (in another window or by someone else).</summary>
    public bool IsStale => Status == 409 && Code == "state_conflict" && Param == "revision";
}

public sealed record FunnelProblemItem(string? Code, string? Message, string? Param);

/// <summary>An offer a step may sell; <see cref="Status"/> is draft, published or archived.</summary>
public sealed record FunnelOfferChoice(string Id, string Name, string Status);
