using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Idempotency;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength).IsRequired();
        builder.Property(r => r.RequestMethod).HasMaxLength(10).IsRequired();
        builder.Property(r => r.RequestPath).HasMaxLength(400).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ContentType).HasMaxLength(100);
        // The unique index is what makes a concurrent duplicate impossible, not a read-then-write check.
        builder.HasIndex(r => new { r.OrganizationId, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.IsCompleted);
    }
}
