using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Checkout;
using Numi.Core.Offers;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class CheckoutSessionConfiguration : IEntityTypeConfiguration<CheckoutSession>
{
    public void Configure(EntityTypeBuilder<CheckoutSession> builder)
    {
        builder.ToTable("checkout_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        // Holding the session for a payment attempt updates WHERE the status is still what was read: one attempt wins.
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        // Taking over a timed-out attempt keeps the status (Processing), so the attempt's start is a token too.
        builder.Property(s => s.AttemptStartedAt).IsConcurrencyToken();
        builder.Property(s => s.Currency).HasMaxLength(3).IsRequired();
        builder.Property(s => s.Selection).HasJsonConversion().IsRequired();
        builder.Property(s => s.Details).HasJsonConversion().IsRequired();
        builder.Property(s => s.CustomerEmail).HasMaxLength(254);
        builder.Property(s => s.CustomerName).HasMaxLength(200);
        builder.Property(s => s.TaxName).HasMaxLength(50);
        builder.Property(s => s.LastDeclineCode).HasMaxLength(50);
        builder.Property(s => s.PendingPaymentIntent).HasMaxLength(100);
        builder.Property(s => s.BrowserKeyHash).HasMaxLength(64);
        builder.HasIndex(s => new { s.OrganizationId, s.CreatedAt });
        builder.HasIndex(s => new { s.Status, s.ExpiresAt });
        // One upsell session per order and upsell offer: accepting the same upsell twice charges once, while a funnel's
        // upsell and a later step's different offer are each their own order.
        builder.HasIndex(s => new { s.ParentOrderId, s.OfferId }).IsUnique();
        builder.HasOne<Offer>().WithMany().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.PublicId);
        builder.Ignore(s => s.IdempotencyKey);
    }
}
