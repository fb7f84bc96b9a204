using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Customers;

/// <summary>The merchant marks a customer tax-exempt (or not): their later checkouts are priced without tax.</summary>
public sealed record SetCustomerTaxExempt(Guid CustomerId, bool Exempt);

public sealed class SetCustomerTaxExemptHandler(INumiDb db)
{
    public async Task<Result<Customer>> HandleAsync(SetCustomerTaxExempt command, CancellationToken ct)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == command.CustomerId, ct);
        if (customer is null) return Error.NotFound("No such customer.", "id");
        customer.SetTaxExempt(command.Exempt);
        await db.SaveChangesAsync(ct);
        return customer;
    }
}
