using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Web.Features.Plans;

/// <summary>A plan as the list shows it, with its price and product. Settable properties, so EF can sort and page the
/// projection; the settings are one JSON column, so their columns show but do not sort.</summary>
public sealed class PlanRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Plan, Id);
    public string Name { get; init; } = "";
    public string ProductName { get; init; } = "";
    public Price Price { get; init; } = default!;
    public PlanSettings Settings { get; init; } = PlanSettings.Default;
    public bool Active { get; init; }
    public DateTime CreatedAt { get; init; }
}
