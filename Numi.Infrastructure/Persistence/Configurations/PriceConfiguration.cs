using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Catalog;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class PriceConfiguration : IEntityTypeConfiguration<Price>
{
    public void Configure(EntityTypeBuilder<Price> builder)
    {
        builder.ToTable("prices");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.Property(p => p.Nickname).HasMaxLength(100);
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Interval).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.BillingScheme).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.TiersMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Scope).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Tiers).HasJsonConversion().IsRequired();
        // Replacing or archiving checks the price is still active as it saves, so two replacements cannot both win.
        builder.Property(p => p.Active).IsConcurrencyToken();
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Price>().WithMany().HasForeignKey(p => p.ParentPriceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.OrganizationId, p.ProductId });
        builder.Ignore(p => p.PublicId);
        builder.Ignore(p => p.Model);
        builder.Ignore(p => p.Schedule);
        builder.Ignore(p => p.Summary);
        builder.Ignore(p => p.IsRecurring);
    }
}
