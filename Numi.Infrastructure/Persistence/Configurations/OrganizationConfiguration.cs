using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(100).IsRequired();
        builder.Property(o => o.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        builder.Property(o => o.DefaultCurrency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(o => o.WebhookSigningSecret).HasMaxLength(200);
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Ignore(o => o.PublicId);
    }
}
