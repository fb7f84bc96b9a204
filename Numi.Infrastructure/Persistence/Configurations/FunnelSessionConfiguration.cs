using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Funnels;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class FunnelSessionConfiguration : IEntityTypeConfiguration<FunnelSession>
{
    public void Configure(EntityTypeBuilder<FunnelSession> builder)
    {
        builder.ToTable("funnel_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.VisitorId).HasMaxLength(FunnelSession.MaxVisitorIdLength).IsRequired();
        builder.Property(s => s.CurrentStepKey).HasMaxLength(FunnelEvent.MaxKeyLength).IsRequired();
        builder.Property(s => s.Variants).HasJsonConversion().IsRequired();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => new { s.FunnelId, s.StartedAt });
        builder.HasIndex(s => s.OrganizationId);
        // A paid checkout finds its funnel session, and a one-click upsell the session whose order it follows.
        builder.HasIndex(s => s.CheckoutSessionId);
        builder.HasIndex(s => s.OrderId);
        // The housekeeping purge finds sessions untouched past the retention (AcrossTenants.PurgeOldFunnelSessionsAsync).
        builder.HasIndex(s => s.UpdatedAt);
        builder.HasOne<Funnel>().WithMany().HasForeignKey(s => s.FunnelId).OnDelete(DeleteBehavior.Cascade);
        // Restrict, not cascade: the funnel already cascades to both, and SQL Server refuses two cascade paths.
        builder.HasOne<FunnelVersion>().WithMany().HasForeignKey(s => s.FunnelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.PublicId);
    }
}

internal sealed class FunnelEventConfiguration : IEntityTypeConfiguration<FunnelEvent>
{
    public void Configure(EntityTypeBuilder<FunnelEvent> builder)
    {
        builder.ToTable("funnel_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.StepKey).HasMaxLength(FunnelEvent.MaxKeyLength).IsRequired();
        builder.Property(e => e.VariantKey).HasMaxLength(FunnelEvent.MaxKeyLength);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Currency).HasMaxLength(3);
        // The analytics read the rollup, not the events: a funnel's events by time (an export, a backfill), and a
        // session's (the rollup finding money paid before a view) are all that is looked up here.
        builder.HasIndex(e => new { e.FunnelId, e.OccurredAt });
        builder.HasIndex(e => e.FunnelSessionId);
        builder.HasIndex(e => e.OrganizationId);
        // The session's row holds the event's funnel and version; one cascade path (through the session) only.
        builder.HasOne<FunnelSession>().WithMany().HasForeignKey(e => e.FunnelSessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
