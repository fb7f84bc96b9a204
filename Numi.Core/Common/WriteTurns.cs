namespace Numi.Core.Common;

public static class WriteTurns
{
    /// <summary>Saves in this process's turn to write (<see cref="INumiDb.WriteInTurnAsync{T}"/>): for the saves many
    /// shoppers make at once (opening, choosing, holding and paying a checkout).</summary>
    public static Task<int> SaveInTurnAsync(this INumiDb db, CancellationToken ct) => db.WriteInTurnAsync(() => db.SaveChangesAsync(ct), ct);
}
