using Microsoft.Extensions.DependencyInjection;

namespace Numi.Web.Tests.Interactive;

/// <summary>Scopes from the app's container that report when each one ends. <c>CircuitAuthentication</c> makes one per
/// check, so a test can wait for a check that changes nothing without sleeping.</summary>
public sealed class ObservedScopes(IServiceScopeFactory inner) : IServiceScopeFactory
{
    private readonly SemaphoreSlim _ended = new(0);

    public IServiceScope CreateScope() => new Scope(inner.CreateAsyncScope(), _ended);

    /// <summary>False when no further scope ended within <paramref name="timeout"/>.</summary>
    public Task<bool> NextEndedAsync(TimeSpan timeout) => _ended.WaitAsync(timeout);

    private sealed class Scope(AsyncServiceScope inner, SemaphoreSlim ended) : IServiceScope, IAsyncDisposable
    {
        public IServiceProvider ServiceProvider => inner.ServiceProvider;

        public void Dispose()
        {
            inner.Dispose();
            ended.Release();
        }

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            ended.Release();
        }
    }
}
