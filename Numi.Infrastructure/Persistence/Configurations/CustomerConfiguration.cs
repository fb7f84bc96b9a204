using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Customers;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Email).HasMaxLength(254).IsRequired();
        builder.Property(c => c.EmailKey).HasMaxLength(254).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.DefaultPaymentMethod).HasMaxLength(100);
        builder.Property(c => c.StripeCustomerId).HasMaxLength(255);
        builder.Property(c => c.TimeZone).HasMaxLength(SetCustomerTimeZoneValidator.MaxLength);
        builder.HasIndex(c => new { c.OrganizationId, c.EmailKey }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(c => c.PublicId);
    }
}
