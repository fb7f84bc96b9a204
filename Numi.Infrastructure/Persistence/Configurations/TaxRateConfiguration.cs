using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Organizations;
using Numi.Core.Tax;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class TaxRateConfiguration : IEntityTypeConfiguration<TaxRate>
{
    public void Configure(EntityTypeBuilder<TaxRate> builder)
    {
        builder.ToTable("tax_rates");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.DisplayName).HasMaxLength(50).IsRequired();
        builder.Property(r => r.Country).HasMaxLength(2).IsRequired();
        builder.Property(r => r.Region).HasMaxLength(3);
        // Checkout looks up the active rates of one country.
        builder.HasIndex(r => new { r.OrganizationId, r.Country });
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.PublicId);
        builder.Ignore(r => r.Percentage);
        builder.Ignore(r => r.Label);
    }
}
