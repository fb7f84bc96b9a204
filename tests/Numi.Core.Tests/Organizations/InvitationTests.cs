using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Tests.Organizations;

public sealed class InvitationTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static (Invitation Invitation, string Token) NewInvitation() =>
        Invitation.Create(Guid.CreateVersion7(), "  Ada@Example.COM ", OrganizationRole.Admin, Guid.CreateVersion7(), Now);

    [Fact]
    public void Create_normalizes_the_email_stores_only_the_token_hash_and_expires_after_the_lifetime()
    {
        var (invitation, token) = NewInvitation();
        Assert.Equal("ada@example.com", invitation.Email);
        Assert.Equal(SecretToken.Hash(token), invitation.TokenHash);
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.Equal(Now + Invitation.Lifetime, invitation.ExpiresAt);
        Assert.True(invitation.IsPending(Now));
    }

    [Fact]
    public void Accept_marks_the_invitation_accepted()
    {
        var (invitation, _) = NewInvitation();
        var result = invitation.Accept(Now.AddHours(1));
        Assert.True(result.Succeeded);
        Assert.Equal(Now.AddHours(1), invitation.AcceptedAt);
        Assert.False(invitation.IsPending(Now.AddHours(2)));
    }

    [Fact]
    public void Accepting_twice_is_a_conflict()
    {
        var (invitation, _) = NewInvitation();
        Assert.True(invitation.Accept(Now).Succeeded);
        var second = invitation.Accept(Now.AddMinutes(1));
        Assert.False(second.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, second.FirstError.Code);
        Assert.Equal(Now, invitation.AcceptedAt);
    }

    [Fact]
    public void Accepting_an_expired_invitation_is_a_conflict()
    {
        var (invitation, _) = NewInvitation();
        var result = invitation.Accept(Now + Invitation.Lifetime);
        Assert.False(result.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void Accept_just_before_expiry_succeeds()
    {
        var (invitation, _) = NewInvitation();
        Assert.True(invitation.Accept(Now + Invitation.Lifetime - TimeSpan.FromSeconds(1)).Succeeded);
    }

    [Fact]
    public void A_revoked_invitation_cannot_be_accepted()
    {
        var (invitation, _) = NewInvitation();
        Assert.True(invitation.Revoke(Now).Succeeded);
        Assert.Equal(Now, invitation.RevokedAt);
        var accepted = invitation.Accept(Now.AddMinutes(1));
        Assert.False(accepted.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, accepted.FirstError.Code);
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void Only_a_pending_invitation_can_be_revoked()
    {
        var (accepted, _) = NewInvitation();
        accepted.Accept(Now);
        Assert.False(accepted.Revoke(Now.AddMinutes(1)).Succeeded);
        Assert.Null(accepted.RevokedAt);

        var (revoked, _) = NewInvitation();
        Assert.True(revoked.Revoke(Now).Succeeded);
        Assert.False(revoked.Revoke(Now.AddMinutes(1)).Succeeded);

        var (expired, _) = NewInvitation();
        Assert.False(expired.Revoke(Now + Invitation.Lifetime).Succeeded);
    }
}
