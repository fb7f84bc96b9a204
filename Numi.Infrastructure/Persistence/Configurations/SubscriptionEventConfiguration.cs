using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Subscriptions;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionEventConfiguration : IEntityTypeConfiguration<SubscriptionEvent>
{
    public void Configure(EntityTypeBuilder<SubscriptionEvent> builder)
    {
        builder.ToTable("subscription_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Detail).HasMaxLength(200);
        builder.Property(e => e.Note).HasMaxLength(SubscriptionEvent.MaxNoteLength);
        // The timeline is read per subscription, in order.
        builder.HasIndex(e => new { e.SubscriptionId, e.CreatedAt });
        // The organization is reached through the subscription (its own cascade): a second cascade path from the
        // organization would be refused by SQL Server.
        builder.Ignore(e => e.PublicId);
        builder.HasOne<Subscription>().WithMany(s => s.Events).HasForeignKey(e => e.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
