using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Numi.Core.Accounts;
using Numi.Core.Email;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Account;

/// <summary>Tells an owner that failed sign-ins locked their account. The sign-in page cannot say so: it answers a locked
/// account as it answers a wrong password, or it would tell an attacker which accounts exist.</summary>
public sealed class LockoutNotice(IEmailSender email, NumiDbContext db, AccountLinks links, IOptions<IdentityOptions> identity)
{
    public async Task SendAsync(NumiUser user, CancellationToken ct)
    {
        var lockout = identity.Value.Lockout;
        var minutes = (int)lockout.DefaultLockoutTimeSpan.TotalMinutes;
        var reset = links.ForgotPassword();
        email.Queue(new EmailMessage(user.Email!, "Your Numi account is locked for a while",
            $"After {lockout.MaxFailedAccessAttempts} failed sign-in attempts your Numi account is locked for {minutes} minutes; it unlocks by itself.\n\n" +
            $"If those attempts were not yours, someone may be guessing your password. Choose a new one: {reset}",
            $"<p>After {lockout.MaxFailedAccessAttempts} failed sign-in attempts your Numi account is locked for {minutes} minutes; it unlocks by itself.</p>" +
            $"<p>If those attempts were not yours, someone may be guessing your password. <a href=\"{WebUtility.HtmlEncode(reset)}\">Choose a new one</a>.</p>"));
        await db.SaveChangesAsync(ct);
    }
}
