using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Offers;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("offers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(120).IsRequired();
        builder.Property(o => o.Slug).HasMaxLength(40).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(2000);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.Design).HasJsonConversion().IsRequired();
        builder.Property(o => o.Payment).HasJsonConversion().IsRequired();
        builder.HasIndex(o => new { o.OrganizationId, o.Slug }).IsUnique();
        builder.HasIndex(o => new { o.OrganizationId, o.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Slots).WithOne().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(o => o.PublicId);
        builder.Ignore(o => o.OrderedSlots);
    }
}
