using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.ApiKeys;
using Numi.Core.Organizations;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(80).IsRequired();
        builder.Property(k => k.Mode).HasConversion<string>().HasMaxLength(10);
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Hint).HasMaxLength(20).IsRequired();
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => k.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(k => k.PublicId);
        builder.Ignore(k => k.IsActive);
    }
}
