using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

internal static class Interception
{
    public static NumiDbContext ContextWithInterceptor(this TestDatabase database, ITenantContext tenant, IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<NumiDbContext>(database.ContextOptions()).AddInterceptors(interceptor).Options;
        return new NumiDbContext(options, tenant);
    }
}

/// <summary>Lets <c>parties</c> callers through together once all of them have arrived.</summary>
internal sealed class Rendezvous(int parties)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == parties) _all.TrySetResult();
        return _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

/// <summary>Makes the context's <c>saveNumber</c>th save (the first: holding the session; the second: the
/// order) wait at the rendezvous. Later saves, such as a retry, go straight through.</summary>
internal sealed class MeetBeforeSave(Rendezvous rendezvous, int saveNumber = 1) : SaveChangesInterceptor
{
    private int _saves;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (++_saves == saveNumber) await rendezvous.ArriveAsync();
        return result;
    }
}
