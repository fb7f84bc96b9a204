using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Customers;
using Numi.Core.Portal;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class PortalSignInTokenConfiguration : IEntityTypeConfiguration<PortalSignInToken>
{
    public void Configure(EntityTypeBuilder<PortalSignInToken> builder)
    {
        builder.ToTable("portal_sign_in_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        // A link is found by the hash of its secret alone.
        builder.HasIndex(t => t.TokenHash).IsUnique();
        // The organization is reached through the customer (its own cascade): a second cascade path from the
        // organization would be refused by SQL Server.
        // Restrict, as invoices point at subscriptions: a link goes with its customer (the cascade below).
        builder.HasOne<Numi.Core.Subscriptions.Subscription>().WithMany().HasForeignKey(t => t.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
