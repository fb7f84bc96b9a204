using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Catalog;
using Numi.Core.Offers;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class OfferSlotConfiguration : IEntityTypeConfiguration<OfferSlot>
{
    public void Configure(EntityTypeBuilder<OfferSlot> builder)
    {
        builder.ToTable("offer_slots");
        builder.HasKey(s => s.Id);
        // Keys are made in Core (Guid.CreateVersion7), so a new slot reached through a tracked offer is an insert.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Key).HasMaxLength(40).IsRequired();
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(s => new { s.OfferId, s.Key }).IsUnique();
        builder.HasIndex(s => s.OrganizationId);
        builder.HasOne<Price>().WithMany().HasForeignKey(s => s.DefaultPriceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Options).WithOne().HasForeignKey(o => o.SlotId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.IsOrderBump);
        builder.Ignore(s => s.OrderedOptions);
    }
}

internal sealed class OfferSlotOptionConfiguration : IEntityTypeConfiguration<OfferSlotOption>
{
    public void Configure(EntityTypeBuilder<OfferSlotOption> builder)
    {
        builder.ToTable("offer_slot_options");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Label).HasMaxLength(60);
        builder.HasIndex(o => new { o.SlotId, o.PriceId }).IsUnique();
        builder.HasIndex(o => o.PriceId);
        builder.HasIndex(o => o.OrganizationId);
        builder.HasOne<Price>().WithMany().HasForeignKey(o => o.PriceId).OnDelete(DeleteBehavior.Restrict);
    }
}
