using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Orders;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.GatewayRefundId).HasMaxLength(100).IsRequired();
        builder.HasIndex(r => r.GatewayRefundId).IsUnique();
        builder.HasIndex(r => r.OrderId);
        builder.HasIndex(r => r.OrganizationId);
        builder.Ignore(r => r.PublicId);
    }
}
