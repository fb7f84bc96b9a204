using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Funnels;

/// <summary>What the palette offers: the step types and content blocks by their wire names, with the words the canvas
/// shows for them, and the starting content of a new block (each passes the block rules, so a drop always saves).</summary>
public static class FunnelCatalog
{
    public static readonly IReadOnlyList<(string Type, string Label, string Icon)> StepTypes =
    [
        ("landing", "Landing", MudBlazor.Icons.Material.Filled.Web),
        ("product_selection", "Product selection", MudBlazor.Icons.Material.Filled.ViewList),
        ("checkout", "Checkout", MudBlazor.Icons.Material.Filled.ShoppingCart),
        ("upsell", "Upsell", MudBlazor.Icons.Material.Filled.TrendingUp),
        ("downsell", "Downsell", MudBlazor.Icons.Material.Filled.TrendingDown),
        ("thank_you", "Thank-you", MudBlazor.Icons.Material.Filled.Celebration),
    ];

    public static readonly IReadOnlyList<(string Type, string Label, string Icon)> BlockTypes =
    [
        ("headline", "Headline", MudBlazor.Icons.Material.Filled.Title),
        ("text", "Text", MudBlazor.Icons.Material.Filled.Notes),
        ("image", "Image", MudBlazor.Icons.Material.Filled.Image),
        ("video", "Video", MudBlazor.Icons.Material.Filled.SmartDisplay),
        ("bullets", "Bullets", MudBlazor.Icons.Material.Filled.FormatListBulleted),
        ("testimonial", "Testimonial", MudBlazor.Icons.Material.Filled.FormatQuote),
        ("countdown", "Countdown", MudBlazor.Icons.Material.Filled.Timer),
        ("call_to_action", "Call to action", MudBlazor.Icons.Material.Filled.SmartButton),
    ];

    public static string StepLabel(string type) => StepTypes.FirstOrDefault(t => t.Type == type).Label ?? type;

    public static string BlockLabel(string type) => BlockTypes.FirstOrDefault(t => t.Type == type).Label ?? type;

    /// <summary>Steps that sell one offer; a product selection sells several.</summary>
    public static bool SellsOneOffer(string type) => type is "checkout" or "upsell" or "downsell";

    public static ContentBlockData NewBlock(string type, DateTimeOffset now) => type switch
    {
        "headline" => new(type, Text: "Your headline"),
        "text" => new(type, Text: "Tell your visitors what they get."),
        "image" => new(type, Url: "/favicon.png", Text: "An image"),
        "video" => new(type, Url: "https://www.youtube.com/watch?v=aqz-KE-bpKQ"),
        "bullets" => new(type, Items: ["A first benefit"]),
        "testimonial" => new(type, Text: "It changed my mornings.", Author: "A happy customer"),
        "countdown" => new(type, EndsAt: now.AddDays(7).ToUnixTimeSeconds(), Text: "The offer ends in"),
        _ => new(type, Label: "Get started"),
    };

    /// <summary>A block's one-line summary in the step panel.</summary>
    public static string Summary(ContentBlockData block) =>
        block.Text ?? block.Label ?? (block.Items is { Count: > 0 } items ? string.Join(", ", items) : null) ?? block.Url ?? "";
}

/// <summary>What the canvas's drop container holds: a palette entry (a step type, a block type), a step on the step
/// list, or a block of the selected landing step. <see cref="Zone"/> is where it shows now.
/// <para>Two items are equal when they are the same thing on the canvas (zone, type, step key, block index), whatever the
/// step's content: MudBlazor keys each drop item by its hash, so an item that keeps its identity across a save keeps its
/// components, and only those whose content changed render again.</para></summary>
public sealed record FunnelCanvasItem(string Zone, string Type, string Label, FunnelStepData? Step = null, int BlockIndex = -1)
{
    public bool Equals(FunnelCanvasItem? other) => other is not null
        && (Zone, Type, Step?.Key, BlockIndex) == (other.Zone, other.Type, other.Step?.Key, other.BlockIndex);

    public override int GetHashCode() => HashCode.Combine(Zone, Type, Step?.Key, BlockIndex);

    public const string StepPalette = "palette-steps";
    public const string BlockPalette = "palette-blocks";
    public const string Steps = "steps";
    public const string BlocksPrefix = "blocks:";

    public bool IsPaletteStep => Zone == StepPalette;
    public bool IsPaletteBlock => Zone == BlockPalette;

    /// <summary>Steps (new or moved) go on the step list; blocks (new or moved) onto a landing step's blocks; nothing
    /// drops back into the palette.</summary>
    public static bool CanDrop(FunnelCanvasItem item, string zone) =>
        zone == Steps ? item.IsPaletteStep || item.Step is not null && item.BlockIndex < 0
        : zone.StartsWith(BlocksPrefix, StringComparison.Ordinal) && (item.IsPaletteBlock || item.BlockIndex >= 0 && item.Zone == zone);

    public static IEnumerable<FunnelCanvasItem> Of(FunnelDetails funnel, string? selectedStep)
    {
        foreach (var (type, label, _) in FunnelCatalog.StepTypes) yield return new(StepPalette, type, label);
        foreach (var (type, label, _) in FunnelCatalog.BlockTypes) yield return new(BlockPalette, type, label);
        foreach (var step in funnel.Steps) yield return new(Steps, step.Type, step.Name, step);
        if (funnel.Steps.FirstOrDefault(s => s.Key == selectedStep && s.Type == "landing") is not { } landing) yield break;
        for (var i = 0; i < landing.Blocks.Count; i++)
            yield return new(BlocksPrefix + landing.Key, landing.Blocks[i].Type, FunnelCatalog.BlockLabel(landing.Blocks[i].Type), landing, i);
    }
}
