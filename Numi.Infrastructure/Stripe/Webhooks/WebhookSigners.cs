using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Organizations;
using Numi.Core.Payments;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary>The organization a webhook URL names, and every secret its events may be signed with: those saved with its
/// Stripe connection and the one set on the organization (the demo's).</summary>
public sealed record WebhookSigner(Guid OrganizationId, IReadOnlyList<string> Secrets);

/// <summary>Webhook signers by organization slug, kept in memory for <see cref="Duration"/>, so acknowledging an event
/// costs no database read and no decryption of the secrets. A change saved on this node (the Stripe connection, or the
/// organization) drops its entry at once (<see cref="WebhookSignerEviction"/>). A change saved on another node is seen
/// here when the entry expires: until then this node may still accept events signed with a secret that was just
/// removed there (or refuse ones signed with a secret just added, which Stripe then delivers again). Unknown slugs are
/// not kept, so made-up addresses cannot fill the memory.</summary>
public sealed class WebhookSigners(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (WebhookSigner Signer, DateTimeOffset Until)> _bySlug = new(StringComparer.Ordinal);

    // Raised by every eviction: a load that overlapped one may have read what was just replaced, so it is not kept.
    private long _evictions;

    public async ValueTask<WebhookSigner?> FindAsync(string organizationSlug, CancellationToken ct)
    {
        var slug = Slug.Normalize(organizationSlug);
        if (_bySlug.TryGetValue(slug, out var cached) && cached.Until > clock.GetUtcNow()) return cached.Signer;

        var evictions = Interlocked.Read(ref _evictions);
        var signer = await LoadAsync(slug, ct);
        if (signer is null) _bySlug.TryRemove(slug, out _);
        else if (Interlocked.Read(ref _evictions) == evictions) _bySlug[slug] = (signer, clock.GetUtcNow() + Duration);
        return signer;
    }

    /// <summary>Drops what is kept for that organization, whatever its slug.</summary>
    public void Evict(Guid organizationId)
    {
        Interlocked.Increment(ref _evictions);
        foreach (var (slug, entry) in _bySlug)
        {
            if (entry.Signer.OrganizationId == organizationId) _bySlug.TryRemove(slug, out _);
        }
    }

    private async Task<WebhookSigner?> LoadAsync(string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var owner = await scope.ServiceProvider.GetRequiredService<NumiDbContext>().FindWebhookOwnerAsync(slug, ct);
        if (owner is null) return null;
        var saved = await scope.ServiceProvider.GetRequiredService<StripeConnections>().WebhookSecretsOfAsync(owner.Id, ct);
        return new WebhookSigner(owner.Id, owner.SigningSecret is { Length: > 0 } own ? [.. saved, own] : saved);
    }
}

/// <summary>Drops the kept webhook signer of every organization whose Stripe connection or own record a save touched,
/// once the save succeeded.</summary>
public sealed class WebhookSignerEviction(WebhookSigners signers) : AfterSaveInterceptor<Guid>
{
    protected override void Collect(EntityEntry entry, ISet<Guid> organizations)
    {
        if (entry.Entity is Organization organization) organizations.Add(organization.Id);
        else if (entry.Entity is StripeConnection connection) organizations.Add(connection.OrganizationId);
    }

    protected override void Act(Guid organization) => signers.Evict(organization);
}
