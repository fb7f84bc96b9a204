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
                invoice = make(await NextNumberAsync(db, ct));
                db.Invoices.Add(invoice);
                await SaveInsertsAsync(db, ct);
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

    /// <summary>The organization's next invoice number; only inside a transaction holding its row lock.</summary>
    public static async Task<int> NextNumberAsync(INumiDb db, CancellationToken ct) =>
        (await db.Invoices.MaxAsync(i => (int?)i.Number, ct) ?? Invoice.FirstNumber - 1) + 1;

    /// <summary>Saves the numbered inserts inside the caller's transaction, without a savepoint around them (two round
    /// trips): a failed insert ends that transaction anyway.</summary>
    public static async Task SaveInsertsAsync(INumiDb db, CancellationToken ct)
    {
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    private static void Forget(INumiDb db, Invoice invoice)
    {
        foreach (var line in invoice.Lines.ToList()) db.Entry(line).State = EntityState.Detached;
        db.Entry(invoice).State = EntityState.Detached;
    }
}
