using Numi.Core.Common;

namespace Numi.Web.Features.Customers;

/// <summary>A customer as the list shows them, with how many orders they paid. Settable properties, so EF can sort and
/// page the projection.</summary>
public sealed class CustomerRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Customer, Id);
    public string Email { get; init; } = "";
    public string? Name { get; init; }
    public int Orders { get; init; }
    public DateTime CreatedAt { get; init; }
}
