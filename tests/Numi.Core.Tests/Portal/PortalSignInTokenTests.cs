using Numi.Core.Common;
using Numi.Core.Portal;

namespace Numi.Core.Tests.Portal;

/// <summary>The rules of a portal sign-in link: a fresh random secret each time, only its hash kept, valid for exactly 15
/// minutes and only while unused.</summary>
public sealed class PortalSignInTokenTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Issuing_keeps_only_the_hash_of_a_new_random_secret()
    {
        var (token, secret) = PortalSignInToken.Issue(Guid.NewGuid(), Guid.NewGuid(), Now);
        var (_, another) = PortalSignInToken.Issue(token.OrganizationId, token.CustomerId, Now);

        Assert.Equal(PortalSignInToken.TokenLength, secret.Length);
        Assert.All(secret, c => Assert.True(char.IsAsciiLetterOrDigit(c), $"'{c}' does not belong in a link"));
        Assert.NotEqual(secret, another);
        Assert.Equal(SecretToken.Hash(secret), token.TokenHash);
        Assert.Equal(64, token.TokenHash.Length);
        Assert.DoesNotContain(secret, token.TokenHash, StringComparison.Ordinal);
        Assert.Null(token.UsedAt);
    }

    [Fact]
    public void A_link_is_redeemable_for_fifteen_minutes_and_not_a_tick_more()
    {
        var (token, secret) = PortalSignInToken.Issue(Guid.NewGuid(), Guid.NewGuid(), Now);
        bool At(DateTime time) => PortalSignInToken.Redeemable(SecretToken.Hash(secret), time).Compile()(token);

        Assert.Equal(Now.AddMinutes(15), token.ExpiresAt);
        Assert.True(At(Now));
        Assert.True(At(Now.AddMinutes(15).AddTicks(-1)));
        Assert.False(At(Now.AddMinutes(15)));
        Assert.Equal(PortalLinkRefusal.Expired, token.RefusalAt(Now.AddMinutes(15)));
        Assert.Equal(PortalLinkRefusal.Unknown, token.RefusalAt(Now.AddMinutes(14)));
    }

    [Fact]
    public void Only_the_secrets_own_hash_redeems_it()
    {
        var (token, secret) = PortalSignInToken.Issue(Guid.NewGuid(), Guid.NewGuid(), Now);
        var redeemable = PortalSignInToken.Redeemable(SecretToken.Hash(secret.ToUpperInvariant() + "x"), Now).Compile();

        Assert.False(redeemable(token));
        Assert.False(PortalSignInToken.Redeemable(secret, Now).Compile()(token));
    }

    [Fact]
    public void A_used_link_is_not_redeemable_and_says_it_was_used_even_after_expiry()
    {
        var (token, secret) = PortalSignInToken.Issue(Guid.NewGuid(), Guid.NewGuid(), Now);
        token.MarkUsedForTests(Now.AddMinutes(1));

        Assert.False(PortalSignInToken.Redeemable(SecretToken.Hash(secret), Now.AddMinutes(2)).Compile()(token));
        Assert.Equal(PortalLinkRefusal.Used, token.RefusalAt(Now.AddMinutes(2)));
        Assert.Equal(PortalLinkRefusal.Used, token.RefusalAt(Now.AddHours(1)));
    }
}
