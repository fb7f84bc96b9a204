using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Discounts;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class DiscountCodeConfiguration : IEntityTypeConfiguration<DiscountCode>
{
    public void Configure(EntityTypeBuilder<DiscountCode> builder)
    {
        builder.ToTable("discount_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(40).IsRequired();
        builder.Property(c => c.CodeKey).HasMaxLength(40).IsRequired();
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.Duration).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ProductIds).HasJsonConversion().IsRequired();
        // Codes are unique whatever their case: the key is the upper-cased code.
        builder.HasIndex(c => new { c.OrganizationId, c.CodeKey }).IsUnique();
        builder.HasIndex(c => new { c.OrganizationId, c.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(c => c.PublicId);
        builder.Ignore(c => c.Label);
        builder.Ignore(c => c.Terms);
        builder.Ignore(c => c.UsedUp);
    }
}
