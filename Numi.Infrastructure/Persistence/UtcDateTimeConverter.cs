using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Numi.Infrastructure.Persistence;

/// <summary>All times are stored as UTC. SQLite hands them back with no kind; this marks them UTC again.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
