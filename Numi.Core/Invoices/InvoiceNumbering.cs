using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>Inserts an invoice with the organization's next number, taken under its row lock as order numbers are
/// (<see cref="OrganizationRowLock"/>), so numbers never repeat or skip whatever kind of invoice takes them.</summary>
internal static class InvoiceNumbering
{
    /// <summary>The new invoice's id, or null when another runner inserted the same unique invoice first (the caller
    /// then takes the winner's). The invoice is detached after the insert: callers read it fresh.</summary>
    public static async Task<Guid?> InsertAsync(INumiDb db, Guid organizationId, Func<int, Invoice> make, CancellationToken ct)
    {
        Invoice? invoice = null;
        try
        {
            return await db.WriteInTurnAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.LockOrganizationRowAsync(organizationId, ct);
                var number = (await db.Invoices.MaxAsync(i => (int?)i.Number, ct) ?? Invoice.FirstNumber - 1) + 1;
                invoice = make(number);
                db.Invoices.Add(invoice);
                // No savepoint around the insert (two round trips): a failed insert ends this transaction anyway.
                db.Database.AutoSavepointsEnabled = false;
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                finally
                {
                    db.Database.AutoSavepointsEnabled = true;
                }
                await transaction.CommitAsync(ct);
                Forget(db, invoice);
                return (Guid?)invoice.Id;
            }, ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            if (invoice is not null) Forget(db, invoice);
            return null;
        }
    }

    private static void Forget(INumiDb db, Invoice invoice)
    {
        foreach (var line in invoice.Lines.ToList()) db.Entry(line).State = EntityState.Detached;
        db.Entry(invoice).State = EntityState.Detached;
    }
}
