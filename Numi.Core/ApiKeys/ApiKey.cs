using Numi.Core.Common;

namespace Numi.Core.ApiKeys;

/// <summary>A secret API key (sk_test_… / sk_live_…). The secret is shown once; only its hash is stored.</summary>
public sealed class ApiKey : IOrganizationOwned, ICreatedInOrder
{
    public const string TestPrefix = "sk_test_";
    public const string LivePrefix = "sk_live_";
    private const int SecretLength = 32;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Name { get; private set; } = "";
    public ApiKeyMode Mode { get; private set; }
    public string SecretHash { get; private set; } = "";
    /// <summary>What people see of the key after creation, e.g. <c>sk_test_…f3Qa</c>.</summary>
    public string Hint { get; private set; } = "";
    public Guid? CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    private ApiKey() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.ApiKey, Id);
    public bool IsActive => RevokedAt is null;

    public static (ApiKey Key, string Secret) Create(
        Guid organizationId, string name, ApiKeyMode mode, Guid? createdBy, DateTime now, string? secret = null)
    {
        var prefix = mode == ApiKeyMode.Live ? LivePrefix : TestPrefix;
        secret ??= prefix + SecretToken.New(SecretLength);
        if (!secret.StartsWith(prefix, StringComparison.Ordinal) || secret.Length < prefix.Length + 16)
            throw new ArgumentException($"A {mode} key starts with {prefix} and has at least 16 characters after it.", nameof(secret));

        var key = new ApiKey
        {
            OrganizationId = organizationId,
            Name = name.Trim(),
            Mode = mode,
            SecretHash = SecretToken.Hash(secret),
            Hint = prefix + "…" + secret[^4..],
            CreatedByUserId = createdBy,
            CreatedAt = now,
        };
        return (key, secret);
    }

    /// <summary>True when <paramref name="value"/> looks like a Numi secret key (cheap check before any lookup).</summary>
    public static bool LooksLikeSecret(string value) =>
        (value.StartsWith(TestPrefix, StringComparison.Ordinal) || value.StartsWith(LivePrefix, StringComparison.Ordinal))
        && value.Length is > 24 and < 200;

    public Result<ApiKey> Revoke(DateTime now)
    {
        if (RevokedAt is not null) return Error.Conflict("This key is already revoked.");
        RevokedAt = now;
        return this;
    }

    /// <summary>Last-used time is recorded at most once a minute so busy keys do not write on every request.</summary>
    public bool ShouldRecordUse(DateTime now) => LastUsedAt is null || now - LastUsedAt.Value >= TimeSpan.FromMinutes(1);

    public void RecordUse(DateTime now) => LastUsedAt = now;
}
