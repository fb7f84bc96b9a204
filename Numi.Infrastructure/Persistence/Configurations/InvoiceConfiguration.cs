using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Customers;
using Numi.Core.Invoices;
using Numi.Core.Organizations;
using Numi.Core.Subscriptions;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        // Database defaults, so the columns could be added to existing rows: each was a renewal, none took credit.
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(InvoiceKind.Renewal);
        builder.Property(i => i.AmountCreditApplied).HasDefaultValue(0L);
        builder.Property(i => i.Currency).HasMaxLength(3).IsRequired();
        builder.Property(i => i.DiscountCode).HasMaxLength(40);
        builder.Property(i => i.TaxName).HasMaxLength(50);
        builder.Property(i => i.PaymentIntentId).HasMaxLength(100);
        builder.Property(i => i.LastDeclineCode).HasMaxLength(60);
        builder.Property(i => i.RetryReason).HasMaxLength(Invoice.MaxReasonLength);
        // Runners claim attempts by a conditional update of the claim; a save that read the invoice before a claim or a
        // status change it did not make is refused instead of overwriting it.
        builder.Property(i => i.ClaimedUntil).IsConcurrencyToken();
        builder.Property(i => i.Status).IsConcurrencyToken();
        builder.Property(i => i.AmountCredited).IsConcurrencyToken();
        // At most one renewal per subscription period, and numbers unique in the organization: a second renewal run
        // cannot bill a period twice. A plan change's proration starts at the change's second: its kind keeps it apart
        // from a renewal starting then, and two confirmations of the same change find one invoice.
        builder.HasIndex(i => new { i.SubscriptionId, i.Kind, i.PeriodStart }).IsUnique();
        builder.HasIndex(i => new { i.OrganizationId, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.OrganizationId, i.CreatedAt });
        builder.HasIndex(i => new { i.Status, i.NextAttemptAt });
        builder.HasIndex(i => new { i.Status, i.PaidAt });
        builder.HasIndex(i => i.CustomerId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(i => i.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.CreditNotes).WithOne().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(i => i.PublicId);
        builder.Ignore(i => i.DisplayNumber);
        builder.Ignore(i => i.NextAttempt);
        builder.Ignore(i => i.Creditable);
        builder.Ignore(i => i.AmountDue);
    }
}
