using Microsoft.EntityFrameworkCore;

namespace Numi.Core.Common;

public static class OrganizationRowLock
{
    /// <summary>Inside an open transaction, holds <paramref name="organizationId"/>'s row until the commit, so numbers
    /// counted per organization (orders, invoices) are taken in turn: the update changes nothing, but on PostgreSQL and
    /// SQL Server it takes the row's write lock (on every node); on SQLite the transaction holds the database's one write
    /// lock from its start (BEGIN IMMEDIATE) anyway.</summary>
    public static Task<int> LockOrganizationRowAsync(this INumiDb db, Guid organizationId, CancellationToken ct) =>
        db.Organizations.Where(o => o.Id == organizationId).ExecuteUpdateAsync(u => u.SetProperty(o => o.Name, o => o.Name), ct);
}
