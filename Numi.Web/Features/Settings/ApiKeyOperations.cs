using Microsoft.EntityFrameworkCore;
using Numi.Core.ApiKeys;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Settings;

/// <summary>The API keys page's reads and writes inside a <see cref="Interactive.CircuitOperations"/> scope. Keys are
/// the owner's alone: the role is read again from the scope on every call, so an owner demoted while the page is
/// open can neither see nor change keys from then on.</summary>
public static class ApiKeyOperations
{
    public const string Refusal = "Only owners manage API keys.";

    private static bool IsOwner(IServiceProvider services) => services.GetRequiredService<RequestTenant>().IsOwner;

    /// <summary>The organization's keys, for an owner; null for anyone else (the page's list and <c>GET /api_keys</c>).</summary>
    public static IQueryable<ApiKey>? Keys(IServiceProvider services) =>
        IsOwner(services) ? services.GetRequiredService<NumiDbContext>().ApiKeys.AsNoTracking() : null;

    /// <summary>Active keys first, newest first; null when the person is not an owner.</summary>
    public static async Task<List<ApiKey>?> ListAsync(IServiceProvider services) =>
        Keys(services) is { } keys ? await keys.OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync() : null;

    public static async Task<Result<CreatedApiKey>> CreateAsync(IServiceProvider services, string? name, ApiKeyMode mode, Guid userId) =>
        IsOwner(services)
            ? await services.GetRequiredService<CreateApiKeyHandler>().HandleAsync(new CreateApiKey(name ?? "", mode, userId), CancellationToken.None)
            : new Error(ErrorCodes.Forbidden, Refusal);

    public static async Task<Result<ApiKey>> RevokeAsync(IServiceProvider services, Guid keyId) =>
        IsOwner(services)
            ? await services.GetRequiredService<RevokeApiKeyHandler>().HandleAsync(new RevokeApiKey(keyId), CancellationToken.None)
            : new Error(ErrorCodes.Forbidden, Refusal);
}
