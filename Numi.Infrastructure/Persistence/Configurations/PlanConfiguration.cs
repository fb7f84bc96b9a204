using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Catalog;
using Numi.Core.Organizations;
using Numi.Core.Subscriptions;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Plan.MaxNameLength).IsRequired();
        // The settings are read and written whole (the form and the API edit them as one object), and their campaign is
        // a list of emails: one JSON column rather than a dozen columns and a child table.
        builder.Property(p => p.Settings).HasJsonConversion().IsRequired();
        // One plan per price.
        builder.HasIndex(p => p.PriceId).IsUnique();
        builder.HasIndex(p => new { p.OrganizationId, p.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Price>().WithMany().HasForeignKey(p => p.PriceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.PublicId);
    }
}
