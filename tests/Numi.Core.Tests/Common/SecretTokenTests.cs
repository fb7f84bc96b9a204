using Numi.Core.Common;

namespace Numi.Core.Tests.Common;

public sealed class SecretTokenTests
{
    [Fact]
    public void Hash_is_stable_for_the_same_secret()
    {
        Assert.Equal(SecretToken.Hash("sk_test_abc"), SecretToken.Hash("sk_test_abc"));
    }

    [Fact]
    public void Hash_is_64_lower_case_hex_digits_and_not_the_secret()
    {
        var hash = SecretToken.Hash("sk_test_abc");
        Assert.Equal(64, hash.Length);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain("sk_test_abc", hash);
    }

    [Fact]
    public void Different_secrets_hash_differently()
    {
        Assert.NotEqual(SecretToken.Hash("sk_test_abc"), SecretToken.Hash("sk_test_abd"));
    }

    [Fact]
    public void New_has_the_requested_length_from_the_alphanumeric_alphabet_and_differs_each_time()
    {
        var a = SecretToken.New(40);
        var b = SecretToken.New(40);
        Assert.Equal(40, a.Length);
        Assert.Matches("^[0-9A-Za-z]{40}$", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void HashesEqual_compares_exactly()
    {
        var hash = SecretToken.Hash("one");
        Assert.True(SecretToken.HashesEqual(hash, SecretToken.Hash("one")));
        Assert.False(SecretToken.HashesEqual(hash, SecretToken.Hash("two")));
    }
}
