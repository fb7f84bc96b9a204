using Numi.Core.Offers;

namespace Numi.Web.Features.Offers;

public sealed class OfferDetailsInput
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    public string? Currency { get; set; }

    public OfferFields ToFields() => new(Name, Slug?.Trim().ToLowerInvariant(), Description, Currency);

    public static OfferDetailsInput From(Offer o) => new() { Name = o.Name, Slug = o.Slug, Description = o.Description, Currency = o.Currency };
}
