using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Interactive;

/// <summary>The authentication state of a Server circuit, checked again while the circuit lives: every
/// <c>Numi:Circuits:RecheckInterval</c> (<see cref="Interval"/> by default), and at once when this node signals that the person's access changed
/// (<see cref="AccessSignals"/>: sign-out, switch, removal). When the sign-in no longer holds, or the person no longer
/// works in the organization the page was opened in, the state becomes anonymous; the merchant frame then reloads the
/// page, which the server answers with sign-in or the now-current organization.</summary>
public sealed class CircuitAuthentication : ServerAuthenticationStateProvider, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _interval;

    /// <summary>Where the page should go once the sign-in stopped holding: sign-in when it ended, the dashboard
    /// (of the now-current organization) when the person moved or was removed.</summary>
    public string ReloadTo { get; private set; } = "";

    private readonly IServiceScopeFactory _scopes;
    private readonly AccessSignals _signals;
    private readonly ILogger<CircuitAuthentication> _logger;
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _listening;
    private Task? _loop;

    public CircuitAuthentication(IServiceScopeFactory scopes, AccessSignals signals, ILogger<CircuitAuthentication> logger, IConfiguration configuration)
    {
        _interval = configuration.GetValue("Numi:Circuits:RecheckInterval", Interval);
        _scopes = scopes;
        _signals = signals;
        _logger = logger;
        AuthenticationStateChanged += StartWatching;
    }

    private void StartWatching(Task<AuthenticationState> task)
    {
        if (_loop is not null) return;
        _loop = WatchAsync(task);
    }

    private async Task WatchAsync(Task<AuthenticationState> task)
    {
        var stop = _stop.Token;
        var state = await task;
        if (state.User.UserId() is not { } userId) return;
        var now = new SemaphoreSlim(0);
        var listening = _signals.Listen(userId, () => now.Release());
        lock (_stop)
        {
            // Disposed while the state was still coming: stop listening here, Dispose has already run.
            if (stop.IsCancellationRequested) { listening.Dispose(); return; }
            _listening = listening;
        }
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await now.WaitAsync(_interval, stop);
                if (await CheckAsync(state) is not { } reloadTo) continue;
                ReloadTo = reloadTo;
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new(new System.Security.Claims.ClaimsIdentity()))));
                return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Checking a circuit's sign-in failed; it is no longer checked.");
        }
    }

    /// <summary>Null while the sign-in holds, else where the page should go.</summary>
    private async Task<string?> CheckAsync(AuthenticationState state)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var standing = await UserTenancy.ReadAsync(scope.ServiceProvider.GetRequiredService<NumiDbContext>(), state.User, CancellationToken.None);
        if (standing is null) return "account/signin?signedOut=true";
        return standing.Current?.OrganizationId == CircuitOperations.OpenedIn(state.User) ? null : "";
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= StartWatching;
        lock (_stop)
        {
            _stop.Cancel();
            _listening?.Dispose();
        }
    }
}
