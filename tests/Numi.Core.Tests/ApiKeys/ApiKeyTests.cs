using Numi.Core.ApiKeys;
using Numi.Core.Common;

namespace Numi.Core.Tests.ApiKeys;

public sealed class ApiKeyTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid OrganizationId = Guid.CreateVersion7();

    [Theory]
    [InlineData(ApiKeyMode.Test, "sk_test_")]
    [InlineData(ApiKeyMode.Live, "sk_live_")]
    public void Create_makes_a_secret_with_the_mode_prefix(ApiKeyMode mode, string prefix)
    {
        var (key, secret) = ApiKey.Create(OrganizationId, " Order sync ", mode, null, Now);
        Assert.StartsWith(prefix, secret);
        Assert.Equal(prefix.Length + 32, secret.Length);
        Assert.True(ApiKey.LooksLikeSecret(secret));
        Assert.Equal(mode, key.Mode);
        Assert.Equal("Order sync", key.Name);
        Assert.Equal(OrganizationId, key.OrganizationId);
        Assert.True(key.IsActive);
    }

    [Fact]
    public void Create_keeps_the_hash_not_the_secret_and_a_hint_with_the_last_four_characters()
    {
        var (key, secret) = ApiKey.Create(OrganizationId, "Sync", ApiKeyMode.Test, null, Now);
        Assert.NotEqual(secret, key.SecretHash);
        Assert.Equal(SecretToken.Hash(secret), key.SecretHash);
        Assert.Equal("sk_test_…" + secret[^4..], key.Hint);
        Assert.DoesNotContain(secret[8..], key.Hint);
    }

    [Fact]
    public void Two_keys_get_different_secrets()
    {
        var a = ApiKey.Create(OrganizationId, "A", ApiKeyMode.Test, null, Now);
        var b = ApiKey.Create(OrganizationId, "B", ApiKeyMode.Test, null, Now);
        Assert.NotEqual(a.Secret, b.Secret);
        Assert.NotEqual(a.Key.SecretHash, b.Key.SecretHash);
    }

    [Fact]
    public void Create_accepts_a_given_secret_of_the_right_mode()
    {
        const string secret = "sk_live_0123456789abcdefXYZ1";
        var (key, returned) = ApiKey.Create(OrganizationId, "Given", ApiKeyMode.Live, null, Now, secret);
        Assert.Equal(secret, returned);
        Assert.Equal("sk_live_…XYZ1", key.Hint);
    }

    [Theory]
    [InlineData("sk_live_0123456789abcdef")]   // live secret for a test key
    [InlineData("sk_test_short")]              // fewer than 16 characters after the prefix
    [InlineData("0123456789abcdef0123456789")]
    public void Create_refuses_a_given_secret_that_does_not_fit(string secret)
    {
        Assert.Throws<ArgumentException>(() => ApiKey.Create(OrganizationId, "Given", ApiKeyMode.Test, null, Now, secret));
    }

    [Fact]
    public void Revoke_sets_the_time_and_revoking_twice_is_a_conflict()
    {
        var (key, _) = ApiKey.Create(OrganizationId, "Sync", ApiKeyMode.Test, null, Now);
        Assert.True(key.Revoke(Now).Succeeded);
        Assert.False(key.IsActive);
        Assert.Equal(Now, key.RevokedAt);

        var again = key.Revoke(Now.AddMinutes(5));
        Assert.False(again.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, again.FirstError.Code);
        Assert.Equal(Now, key.RevokedAt);
    }

    [Fact]
    public void ShouldRecordUse_throttles_to_once_a_minute()
    {
        var (key, _) = ApiKey.Create(OrganizationId, "Sync", ApiKeyMode.Test, null, Now);
        Assert.True(key.ShouldRecordUse(Now));
        key.RecordUse(Now);
        Assert.Equal(Now, key.LastUsedAt);
        Assert.False(key.ShouldRecordUse(Now.AddSeconds(59)));
        Assert.True(key.ShouldRecordUse(Now.AddMinutes(1)));
    }

    [Theory]
    [InlineData("sk_test_0123456789abcdefg", true)]
    [InlineData("sk_live_0123456789abcdefg", true)]
    [InlineData("sk_test_short", false)]
    [InlineData("pk_test_0123456789abcdefg", false)]
    public void LooksLikeSecret_checks_prefix_and_length(string value, bool expected)
    {
        Assert.Equal(expected, ApiKey.LooksLikeSecret(value));
    }
}
