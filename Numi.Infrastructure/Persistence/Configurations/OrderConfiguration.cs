using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Checkout;
using Numi.Core.Customers;
using Numi.Core.Orders;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.PaymentIntentId).HasMaxLength(100).IsRequired();
        builder.Property(o => o.CardBrand).HasMaxLength(30);
        builder.Property(o => o.CardLast4).HasMaxLength(4);
        builder.Property(o => o.PaymentMethod).HasMaxLength(100);
        builder.Property(o => o.DiscountCode).HasMaxLength(40);
        builder.Property(o => o.DiscountDuration).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Details).HasJsonConversion().IsRequired();
        builder.Property(o => o.DisputeId).HasMaxLength(100);
        builder.Property(o => o.DisputeReason).HasMaxLength(100);
        builder.Property(o => o.TaxName).HasMaxLength(50);
        builder.Property(o => o.FunnelVariant).HasMaxLength(32);
        builder.HasIndex(o => new { o.FunnelId, o.CreatedAt });
        // One order per checkout session and per payment, and numbers unique in the organization: double
        // processing is impossible, not just unlikely.
        builder.HasIndex(o => o.CheckoutSessionId).IsUnique();
        builder.HasIndex(o => o.PaymentIntentId).IsUnique();
        builder.HasIndex(o => o.ParentOrderId);
        builder.HasIndex(o => new { o.OrganizationId, o.Number }).IsUnique();
        builder.HasIndex(o => new { o.OrganizationId, o.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CheckoutSession>().WithMany().HasForeignKey(o => o.CheckoutSessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Refunds).WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.AmountRefunded).IsConcurrencyToken();
        builder.Ignore(o => o.PublicId);
        builder.Ignore(o => o.Refundable);
        builder.Ignore(o => o.TaxLabel);
        builder.Ignore(o => o.TaxRow);
    }
}
