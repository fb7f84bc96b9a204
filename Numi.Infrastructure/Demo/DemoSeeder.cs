using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Numi.Core.Accounts;
using Numi.Core.ApiKeys;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Demo;

/// <summary>Seeds the demo merchant on an empty database, so a fresh clone opens on a working app.</summary>
public static class DemoSeeder
{
    public sealed record Seeded(string Password, string ApiKey, string WebhookSecret, bool PasswordGenerated, bool ApiKeyGenerated, bool WebhookSecretGenerated);

    public static async Task<Seeded?> SeedDemoAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var options = provider.GetRequiredService<IOptions<DemoOptions>>().Value;
        var db = provider.GetRequiredService<NumiDbContext>();
        if (await db.Organizations.IgnoreQueryFilters().AnyAsync(ct)) return null;

        var users = provider.GetRequiredService<UserManager<NumiUser>>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var password = Pick(options.Password, () => "Demo-" + SecretToken.New(16), out var passwordGenerated);
        var apiKeySecret = Pick(options.ApiKey, () => ApiKey.TestPrefix + SecretToken.New(32), out var apiKeyGenerated);
        var webhookSecret = Pick(options.WebhookSecret, () => "whsec_" + SecretToken.New(32), out var webhookGenerated);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owner = new NumiUser { UserName = DemoOptions.OwnerEmail, Email = DemoOptions.OwnerEmail, EmailConfirmed = true, DisplayName = "Demo Owner", CreatedAt = now };
        var created = await users.CreateAsync(owner, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Numi:Demo:Password is not accepted: " + string.Join(" ", created.Errors.Select(e => e.Description)));

        var organization = Organization.Create("Demo Coffee Roasters", DemoOptions.Slug, "usd", "America/New_York", now);
        organization.SetWebhookSigningSecret(webhookSecret);
        db.Organizations.Add(organization);
        db.Memberships.Add(Membership.Create(organization.Id, owner.Id, OrganizationRole.Owner, now));
        owner.CurrentOrganizationId = organization.Id;
        db.ApiKeys.Add(ApiKey.Create(organization.Id, "Demo key", ApiKeyMode.Test, owner.Id, now, apiKeySecret).Key);
        db.Products.AddRange(
            Product.Create(organization.Id, "House Blend Beans (1 kg)", "Medium roast, chocolate and hazelnut notes.", now),
            Product.Create(organization.Id, "Burr Grinder", "Conical burrs, 40 grind settings.", now.AddSeconds(1)),
            Product.Create(organization.Id, "Coffee Club Subscription", "A fresh bag every month.", now.AddSeconds(2)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Seeded(password, apiKeySecret, webhookSecret, passwordGenerated, apiKeyGenerated, webhookGenerated);
    }

    private static string Pick(string? configured, Func<string> generate, out bool generated)
    {
        generated = string.IsNullOrWhiteSpace(configured);
        return generated ? generate() : configured!;
    }
}
