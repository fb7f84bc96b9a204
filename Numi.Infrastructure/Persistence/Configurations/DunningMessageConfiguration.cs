using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Dunning;
using Numi.Core.Invoices;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class DunningMessageConfiguration : IEntityTypeConfiguration<DunningMessage>
{
    public void Configure(EntityTypeBuilder<DunningMessage> builder)
    {
        builder.ToTable("dunning_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Detail).HasMaxLength(DunningMessage.MaxDetailLength);
        // The claim: a step of an invoice is inserted once, whoever tries.
        builder.HasIndex(m => new { m.InvoiceId, m.Day }).IsUnique();
        // The organization is reached through the invoice (its own cascade): SQL Server refuses a second path.
        builder.HasOne<Invoice>().WithMany().HasForeignKey(m => m.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
