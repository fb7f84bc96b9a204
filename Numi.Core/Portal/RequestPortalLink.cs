using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Email;

namespace Numi.Core.Portal;

/// <summary>A shopper asks for a sign-in link to the current organization's customer portal. <paramref name="LinkUrl"/>
/// turns the secret into the link mailed.</summary>
public sealed record RequestPortalLink(string Email, Func<string, string> LinkUrl);

/// <summary>Mails a link when the email is a customer of the organization, and does nothing otherwise: the caller answers
/// the same either way, so the form cannot tell who is a customer.</summary>
public sealed class RequestPortalLinkHandler(INumiDb db, ITenantContext tenant, IEmailSender email, ControllableClock clock)
{
    public const int MaxEmailLength = 256;

    public async Task<Result<bool>> HandleAsync(RequestPortalLink command, CancellationToken ct)
    {
        var address = command.Email.Trim();
        if (address.Length is 0 or > MaxEmailLength || !address.Contains('@') || address.Any(char.IsControl))
            return Error.Invalid("email", "Enter a valid email address.");
        var key = Customer.KeyOf(address);
        var customer = await db.Customers.AsNoTracking().Where(c => c.EmailKey == key).Select(c => new { c.Id, c.Email }).FirstOrDefaultAsync(ct);
        if (customer is null) return false;
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == tenant.OrganizationId, ct);

        var (token, secret) = PortalSignInToken.Issue(organization.Id, customer.Id, clock.GetUtcNow().UtcDateTime);
        db.PortalSignInTokens.Add(token);
        var link = command.LinkUrl(secret);
        var minutes = (int)PortalSignInToken.Lifetime.TotalMinutes;
        var name = WebUtility.HtmlEncode(organization.Name);
        email.Queue(new EmailMessage(customer.Email, $"Your sign-in link for {organization.Name}",
            $"Open this link to see your orders and subscriptions with {organization.Name}:\n\n{link}\n\nThe link works once, for {minutes} minutes. If you did not ask for it, ignore this email.",
            $"<p>Open this link to see your orders and subscriptions with <strong>{name}</strong>:</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">Sign in to {name}</a></p><p>The link works once, for {minutes} minutes. If you did not ask for it, ignore this email.</p>"),
            organization.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
