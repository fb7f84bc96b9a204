using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;

namespace Numi.Infrastructure.Persistence.Configurations;

// The analytics' rollup: natural primary keys, so "inserted once" and "one row per day" are the database's rule.

internal sealed class FunnelSessionFirstConfiguration : IEntityTypeConfiguration<FunnelSessionFirst>
{
    public void Configure(EntityTypeBuilder<FunnelSessionFirst> builder)
    {
        builder.ToTable("funnel_session_firsts");
        builder.HasKey(f => new { f.FunnelSessionId, f.Kind, f.StepKey, f.ArmKey });
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.StepKey).HasMaxLength(FunnelEvent.MaxKeyLength);
        builder.Property(f => f.ArmKey).HasMaxLength(FunnelEvent.MaxKeyLength);
        // No index on the organization: firsts are only ever looked up by session, and each index costs every batch.
        builder.HasOne<FunnelSession>().WithMany().HasForeignKey(f => f.FunnelSessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FunnelDailySessionsConfiguration : IEntityTypeConfiguration<FunnelDailySessions>
{
    public void Configure(EntityTypeBuilder<FunnelDailySessions> builder)
    {
        builder.ToTable("funnel_daily_sessions");
        builder.HasKey(d => new { d.FunnelId, d.Day, d.Kind, d.StepKey, d.ArmKey });
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.StepKey).HasMaxLength(FunnelEvent.MaxKeyLength);
        builder.Property(d => d.ArmKey).HasMaxLength(FunnelEvent.MaxKeyLength);
        // Two writers adding to one day's count: the second's UPDATE matches no row and its batch starts again.
        builder.Property(d => d.Sessions).IsConcurrencyToken();
        builder.HasIndex(d => d.OrganizationId);
        builder.HasOne<Funnel>().WithMany().HasForeignKey(d => d.FunnelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FunnelDailyRevenueConfiguration : IEntityTypeConfiguration<FunnelDailyRevenue>
{
    public void Configure(EntityTypeBuilder<FunnelDailyRevenue> builder)
    {
        builder.ToTable("funnel_daily_revenue");
        builder.HasKey(d => new { d.FunnelId, d.Day, d.StepKey, d.ArmKey, d.Currency });
        builder.Property(d => d.StepKey).HasMaxLength(FunnelEvent.MaxKeyLength);
        builder.Property(d => d.ArmKey).HasMaxLength(FunnelEvent.MaxKeyLength);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.AmountMinor).IsConcurrencyToken();
        builder.HasIndex(d => d.OrganizationId);
        builder.HasOne<Funnel>().WithMany().HasForeignKey(d => d.FunnelId).OnDelete(DeleteBehavior.Cascade);
    }
}
