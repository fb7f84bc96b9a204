using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Organizations;
using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Provider).HasMaxLength(20).IsRequired();
        builder.Property(e => e.EventId).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Type).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Payload).IsRequired();
        // Events stored before processing existed start with no attempts.
        builder.Property(e => e.Attempts).HasDefaultValue(0);
        builder.Property(e => e.LastError).HasMaxLength(WebhookEvent.MaxNoteLength);
        builder.Property(e => e.Outcome).HasMaxLength(WebhookEvent.MaxNoteLength);
        builder.Ignore(e => e.IsAbandoned);
        // A delivery Stripe retries is stored once per organization: the database refuses a second row for the same
        // event. (One Stripe account connected to two organizations sends each its own copy.)
        builder.HasIndex(e => new { e.OrganizationId, e.Provider, e.EventId }).IsUnique();
        builder.HasIndex(e => new { e.ProcessedAt, e.ReceivedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
