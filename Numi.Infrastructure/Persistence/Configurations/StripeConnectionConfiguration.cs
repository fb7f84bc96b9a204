using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Organizations;
using Numi.Core.Payments;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class StripeConnectionConfiguration : IEntityTypeConfiguration<StripeConnection>
{
    public void Configure(EntityTypeBuilder<StripeConnection> builder)
    {
        builder.ToTable("stripe_connections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Mode).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.ProtectedSecretKey).HasMaxLength(2000).IsRequired();
        builder.Property(c => c.SecretKeyHint).HasMaxLength(30).IsRequired();
        builder.Property(c => c.PublishableKey).HasMaxLength(255).IsRequired();
        builder.Property(c => c.ProtectedWebhookSecrets).HasMaxLength(4000).IsRequired();
        builder.Property(c => c.WebhookSecretHints).HasMaxLength(200).IsRequired();
        // One Stripe account per organization.
        builder.HasIndex(c => c.OrganizationId).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
