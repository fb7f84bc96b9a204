using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Customers;
using Numi.Core.Dunning;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class CustomerPaymentPatternConfiguration : IEntityTypeConfiguration<CustomerPaymentPattern>
{
    public void Configure(EntityTypeBuilder<CustomerPaymentPattern> builder)
    {
        builder.ToTable("customer_payment_patterns");
        // One row per customer: the key is what makes two runners at once write it once.
        builder.HasKey(p => p.CustomerId);
        builder.Property(p => p.CustomerId).ValueGeneratedNever();
        // Read and written whole, as the scheduler takes it.
        builder.Property(p => p.Pattern).HasJsonConversion().IsRequired();
        // The organization is reached through the customer (its own cascade): a second cascade path from the
        // organization would be refused by SQL Server.
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
