using System.Collections.Concurrent;

namespace Numi.Web.Tenancy;

/// <summary>Tells this node's open interactive pages that a person's access changed (signed out, removed from an
/// organization, switched to another one), so they check it at once instead of at their next periodic check.
/// Other nodes' pages find out at their own next check (<c>CircuitAuthentication.Interval</c>) or operation.</summary>
public sealed class AccessSignals
{
    private readonly ConcurrentDictionary<object, (Guid UserId, Action Listener)> _listeners = new();

    /// <summary>Calls <paramref name="listener"/> when <paramref name="userId"/>'s access changes, until disposed.</summary>
    public IDisposable Listen(Guid userId, Action listener)
    {
        var subscription = new Subscription(this);
        _listeners[subscription] = (userId, listener);
        return subscription;
    }

    public void Changed(Guid userId)
    {
        foreach (var (_, (user, listener)) in _listeners)
            if (user == userId) listener();
    }

    private sealed class Subscription(AccessSignals signals) : IDisposable
    {
        public void Dispose() => signals._listeners.TryRemove(this, out _);
    }
}
