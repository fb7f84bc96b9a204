using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Funnels;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class FunnelVersionConfiguration : IEntityTypeConfiguration<FunnelVersion>
{
    public void Configure(EntityTypeBuilder<FunnelVersion> builder)
    {
        builder.ToTable("funnel_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Snapshot).IsRequired();
        // Two publishes racing for the same number: one of them loses here.
        builder.HasIndex(v => new { v.FunnelId, v.Number }).IsUnique();
        builder.HasIndex(v => v.OrganizationId);
        builder.HasOne<Funnel>().WithMany().HasForeignKey(v => v.FunnelId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(v => v.PublicId);
    }
}

internal sealed class FunnelDraftHistoryConfiguration : IEntityTypeConfiguration<FunnelDraftHistory>
{
    public void Configure(EntityTypeBuilder<FunnelDraftHistory> builder)
    {
        builder.ToTable("funnel_draft_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Snapshot).IsRequired();
        builder.HasIndex(h => new { h.FunnelId, h.Revision }).IsUnique();
        builder.HasIndex(h => h.OrganizationId);
        builder.HasOne<Funnel>().WithMany().HasForeignKey(h => h.FunnelId).OnDelete(DeleteBehavior.Cascade);
    }
}
