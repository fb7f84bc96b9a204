using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Numi.Infrastructure.Persistence;

/// <summary>Acts on what a save touched, once the save succeeded: for caches that must drop what a save changed. What
/// to act on is collected as the save starts, from each added, modified or deleted entry (afterwards added rows read as
/// unchanged and deleted ones are gone), and acted on after it, each item once.</summary>
public abstract class AfterSaveInterceptor<T> : SaveChangesInterceptor where T : notnull
{
    private readonly ConditionalWeakTable<DbContext, HashSet<T>> _pending = new();

    /// <summary>Adds to <paramref name="items"/> what a change of this entry calls for.</summary>
    protected abstract void Collect(EntityEntry entry, ISet<T> items);

    /// <summary>Runs after the save succeeded, once for each item collected.</summary>
    protected abstract void Act(T item);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Act(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Act(eventData.Context);
        return result;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var items = new HashSet<T>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) Collect(entry, items);
        }
        if (items.Count > 0) _pending.AddOrUpdate(context, items);
        else _pending.Remove(context);
    }

    private void Act(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var items)) return;
        _pending.Remove(context);
        foreach (var item in items) Act(item);
    }
}
