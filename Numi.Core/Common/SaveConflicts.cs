using Microsoft.EntityFrameworkCore;

namespace Numi.Core.Common;

public static class SaveConflicts
{
    /// <summary>Another writer got there first: it changed a row this save guarded with a concurrency token, or it
    /// inserted the same unique key (<see cref="INumiDb.IsUniqueKeyRace"/>). Other failures are not races.</summary>
    public static bool IsLostRace(this INumiDb db, DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || db.IsUniqueKeyRace(exception);
}
