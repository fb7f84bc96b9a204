using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Discounts;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class DiscountRedemptionConfiguration : IEntityTypeConfiguration<DiscountRedemption>
{
    public void Configure(EntityTypeBuilder<DiscountRedemption> builder)
    {
        builder.ToTable("discount_redemptions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CustomerKey).HasMaxLength(254).IsRequired();
        builder.Property(r => r.OnceKey).HasMaxLength(254);
        // One use per checkout session, and one per customer for a once-per-customer code (OnceKey is null otherwise).
        builder.HasIndex(r => r.CheckoutSessionId).IsUnique();
        builder.HasIndex(r => new { r.DiscountCodeId, r.OnceKey }).IsUnique();
        builder.HasIndex(r => new { r.DiscountCodeId, r.CustomerKey });
        builder.HasOne<DiscountCode>().WithMany().HasForeignKey(r => r.DiscountCodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
