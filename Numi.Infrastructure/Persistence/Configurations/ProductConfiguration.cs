using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Catalog;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.LookupKey).HasMaxLength(200);
        builder.Property(p => p.GatewayProvider).HasMaxLength(20);
        builder.Property(p => p.GatewayProductId).HasMaxLength(200);
        builder.Property(p => p.ImageVersion).HasMaxLength(40);
        builder.Property(p => p.NormalizedLookupKey).HasMaxLength(200);
        // Unique whatever the case; filtered to rows with a key (UniqueIndexFilters).
        builder.HasIndex(p => new { p.OrganizationId, p.NormalizedLookupKey }).IsUnique();
        builder.HasIndex(p => new { p.OrganizationId, p.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.PublicId);
    }
}
