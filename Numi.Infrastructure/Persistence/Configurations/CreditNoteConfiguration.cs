using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Invoices;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.ToTable("credit_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Currency).HasMaxLength(3).IsRequired();
        builder.Property(n => n.Reason).HasMaxLength(CreditNote.MaxReasonLength);
        builder.HasIndex(n => n.InvoiceId);
        builder.HasIndex(n => new { n.OrganizationId, n.CreatedAt });
        builder.Ignore(n => n.PublicId);
    }
}
