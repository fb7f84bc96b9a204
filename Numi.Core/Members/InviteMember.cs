using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Core.Organizations;

namespace Numi.Core.Members;

/// <summary>Invites someone by email. <paramref name="AcceptUrl"/> turns the secret token into the link mailed.</summary>
public sealed record InviteMember(string Email, OrganizationRole Role, Guid InvitedByUserId, Func<string, string> AcceptUrl);

public sealed class InviteMemberValidator : AbstractValidator<InviteMember>
{
    public InviteMemberValidator()
    {
        RuleFor(c => c.Email).SingleLineText();
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter the email address to invite.")
            .EmailAddress().WithMessage("Enter a valid email address.")
            .MaximumLength(256).WithMessage("The email address must have at most 256 characters.");
        RuleFor(c => c.Role).IsInEnum().WithMessage("Choose a role.");
    }
}

public sealed class InviteMemberHandler(INumiDb db, ITenantContext tenant, IEmailSender email, IValidator<InviteMember> validator, ControllableClock clock)
{
    public async Task<Result<Invitation>> HandleAsync(InviteMember command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Invitation>.Failure(errors);

        var organization = await db.Organizations.FirstAsync(o => o.Id == tenant.OrganizationId, ct);
        var address = command.Email.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow().UtcDateTime;

        var alreadyMember = await db.Memberships.AnyAsync(
            m => db.Users.Any(u => u.Id == m.UserId && u.NormalizedEmail == address.ToUpperInvariant()), ct);
        if (alreadyMember) return Error.Invalid("email", $"{address} is already a member.");
        var pending = await db.Invitations.AnyAsync(i => i.Email == address && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
        if (pending) return Error.Invalid("email", $"{address} already has a pending invitation.");

        var (invitation, token) = Invitation.Create(organization.Id, address, command.Role, command.InvitedByUserId, now);
        db.Invitations.Add(invitation);
        var link = command.AcceptUrl(token);
        email.Queue(new EmailMessage(
            address,
            $"You are invited to {organization.Name} on Numi",
            $"You have been invited to join {organization.Name} on Numi as {command.Role}.\n\nAccept the invitation: {link}\n\nThe link expires in {Invitation.Lifetime.TotalDays:0} days.",
            $"<p>You have been invited to join <strong>{System.Net.WebUtility.HtmlEncode(organization.Name)}</strong> on Numi as {command.Role}.</p>" +
            $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Accept the invitation</a></p><p>The link expires in {Invitation.Lifetime.TotalDays:0} days.</p>"),
            organization.Id);
        await db.SaveChangesAsync(ct);
        return invitation;
    }
}
