using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Orders;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.SlotKey).HasMaxLength(40).IsRequired();
        builder.Property(l => l.Description).HasMaxLength(200).IsRequired();
        builder.Property(l => l.PriceSummary).HasMaxLength(200).IsRequired();
        builder.HasIndex(l => l.OrganizationId);
    }
}
