using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Accounts;
using Numi.Core.Organizations;
using Numi.Web.Tenancy;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>A signed-up person, owner of <see cref="OrganizationId"/>.</summary>
public sealed record CircuitPerson(Guid UserId, string Email, Guid OrganizationId);

/// <summary>People whose interactive pages are open, and the changes to their access made behind those pages' backs.</summary>
public static class CircuitPeople
{
    public static async Task<CircuitPerson> SignUpPersonAsync(this NumiFactory factory)
    {
        var merchant = Merchant.New();
        var organizationId = await factory.CreateOrganizationAsync(merchant);
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == merchant.Email).Select(u => u.Id).SingleAsync());
        return new CircuitPerson(userId, merchant.Email, organizationId);
    }

    /// <summary>The principal a circuit holds: the sign-in cookie's claims as they are now, plus the organization the
    /// tenant middleware put the page's request in.</summary>
    public static Task<ClaimsPrincipal> PrincipalAsync(this NumiFactory factory, CircuitPerson person) =>
        factory.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == person.UserId);
            var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.Email!),
                new Claim(new ClaimsIdentityOptions().SecurityStampClaimType, user.SecurityStamp!),
                new Claim(NumiClaims.OrganizationId, user.CurrentOrganizationId!.Value.ToString()),
            ], IdentityConstants.ApplicationScheme);
            return new ClaimsPrincipal(identity);
        });

    public static Task JoinAsync(this NumiFactory factory, CircuitPerson person, Guid organizationId) =>
        factory.WithDbAsync(async db =>
        {
            db.Memberships.Add(Membership.Create(organizationId, person.UserId, OrganizationRole.Member, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

    public static Task LeaveAsync(this NumiFactory factory, CircuitPerson person, Guid organizationId) =>
        factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
            .Where(m => m.UserId == person.UserId && m.OrganizationId == organizationId).ExecuteDeleteAsync());

    /// <summary>What signing out does to every other copy of the sign-in.</summary>
    public static async Task RotateSecurityStampAsync(this NumiFactory factory, CircuitPerson person)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NumiUser>>();
        var user = await users.FindByIdAsync(person.UserId.ToString());
        Assert.True((await users.UpdateSecurityStampAsync(user!)).Succeeded);
    }

    public static async Task<bool> SwitchOrganizationAsync(this NumiFactory factory, CircuitPerson person, Guid organizationId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await UserTenancy.SwitchAsync(scope.ServiceProvider.GetRequiredService<Numi.Infrastructure.Persistence.NumiDbContext>(),
            factory.Services.GetRequiredService<AccessSignals>(), person.UserId, organizationId, CancellationToken.None);
    }
}
