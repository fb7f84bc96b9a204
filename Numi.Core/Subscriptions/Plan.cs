using Numi.Core.Catalog;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>A recurring price of the catalog made a plan: its trial, dunning campaign and retry settings. One plan per
/// price, so a subscription's price names its plan without a second key to keep in step.</summary>
public sealed class Plan : IOrganizationOwned, ICreatedInOrder
{
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid PriceId { get; private set; }
    public string Name { get; private set; } = "";
    public PlanSettings Settings { get; private set; } = PlanSettings.Default;
    /// <summary>Archived plans keep their settings for the subscriptions already on them; new ones cannot pick them.</summary>
    public bool Active { get; private set; } = true;
    public DateTime? ArchivedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private Plan() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.Plan, Id);

    /// <summary>A plan for a validated <paramref name="fields"/> on a recurring <paramref name="price"/>.</summary>
    public static Plan Create(Price price, PlanFields fields, DateTime now)
    {
        if (!price.IsRecurring) throw new ArgumentException("Only a recurring price is a plan.", nameof(price));
        var plan = new Plan { PriceId = price.Id, CreatedAt = now };
        plan.Update(fields, now);
        return plan;
    }

    public void Update(PlanFields fields, DateTime now)
    {
        Name = fields.Name!.Trim();
        Settings = fields.Settings!;
        UpdatedAt = now;
    }

    public Result<Plan> Archive(DateTime now)
    {
        if (!Active) return Error.Conflict("The plan is already archived.");
        Active = false;
        ArchivedAt = now;
        UpdatedAt = now;
        return this;
    }
}
