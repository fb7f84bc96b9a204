using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Funnels;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class FunnelConfiguration : IEntityTypeConfiguration<Funnel>
{
    public void Configure(EntityTypeBuilder<Funnel> builder)
    {
        builder.ToTable("funnels");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Name).HasMaxLength(120).IsRequired();
        builder.Property(f => f.Slug).HasMaxLength(40).IsRequired();
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        // Two windows saving the same revision: the second update matches no row and is refused as stale.
        builder.Property(f => f.Revision).IsConcurrencyToken();
        builder.HasIndex(f => new { f.OrganizationId, f.Slug }).IsUnique();
        builder.HasIndex(f => new { f.OrganizationId, f.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<FunnelVersion>().WithMany().HasForeignKey(f => f.PublishedVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Steps).WithOne().HasForeignKey(s => s.FunnelId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(f => f.PublicId);
        builder.Ignore(f => f.OrderedSteps);
    }
}

internal sealed class FunnelStepConfiguration : IEntityTypeConfiguration<FunnelStep>
{
    public void Configure(EntityTypeBuilder<FunnelStep> builder)
    {
        builder.ToTable("funnel_steps");
        builder.HasKey(s => s.Id);
        // Keys are made in Core, so a new step reached through a tracked funnel is an insert.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Key).HasMaxLength(FunnelEvent.MaxKeyLength).IsRequired();
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Name).HasMaxLength(StepFieldsValidator.MaxNameLength).IsRequired();
        builder.Property(s => s.OfferIds).HasJsonConversion().IsRequired();
        builder.Property(s => s.Blocks).HasJsonConversion().IsRequired();
        builder.Property(s => s.Variants).HasJsonConversion().IsRequired();
        builder.Property(s => s.Test).HasJsonConversion().IsRequired();
        builder.HasIndex(s => new { s.FunnelId, s.Key }).IsUnique();
        builder.HasIndex(s => s.OrganizationId);
    }
}
