using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Numi.Core.Clocks;

namespace Numi.Infrastructure.Persistence.Configurations;

internal sealed class ClockSettingConfiguration : IEntityTypeConfiguration<ClockSetting>
{
    public void Configure(EntityTypeBuilder<ClockSetting> builder)
    {
        builder.ToTable("clock_settings");
        builder.HasKey(c => c.Id);
        // One row with a fixed key: two admins saving at once collide on it instead of making two clocks.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ChangedBy).HasMaxLength(ClockSetting.MaxChangedByLength);
        builder.Ignore(c => c.Offset);
    }
}
