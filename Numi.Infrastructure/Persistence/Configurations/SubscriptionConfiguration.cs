using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Customers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Subscriptions;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Description).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Currency).HasMaxLength(3).IsRequired();
        builder.Property(s => s.Interval).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.PaymentMethod).HasMaxLength(100);
        // A database default, so the column could be added to existing rows: none of them was set to cancel.
        builder.Property(s => s.CancelAtPeriodEnd).HasDefaultValue(false);
        builder.Property(s => s.CreditBalance).HasDefaultValue(0L);
        // One subscription per recurring order line: a checkout completed twice cannot start it twice. The API's
        // subscriptions have no line (null), and null keys never collide (SQL Server's index is filtered to non-null).
        builder.HasIndex(s => s.OrderLineId).IsUnique();
        // Two renewal runners (or a runner and the merchant) that read the same status cannot both move it.
        builder.Property(s => s.Status).IsConcurrencyToken();
        builder.HasIndex(s => s.OrderId);
        builder.HasIndex(s => s.CustomerId);
        builder.HasIndex(s => new { s.OrganizationId, s.CreatedAt });
        // The grid's and the API's needs-review filter.
        builder.HasIndex(s => new { s.OrganizationId, s.ReviewRequestedAt });
        builder.Property(s => s.ReviewReason).HasMaxLength(Subscription.MaxReviewReasonLength);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrderLine>().WithMany().HasForeignKey(s => s.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.PublicId);
        builder.Ignore(s => s.Schedule);
        builder.Ignore(s => s.NeedsReview);
    }
}
