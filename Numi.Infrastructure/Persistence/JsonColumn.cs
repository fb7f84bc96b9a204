using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Numi.Infrastructure.Persistence;

/// <summary>Stores a small value object as snake_case JSON text. Plain text (not jsonb) so one hand-written
/// migration serves SQLite and PostgreSQL; the value is always read and written whole.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class
    {
        property.HasConversion(
            value => Serialize(value),
            text => Deserialize<T>(text),
            new ValueComparer<T>(
                (a, b) => Serialize(a) == Serialize(b),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => Deserialize<T>(Serialize(value))));
        return property;
    }

    private static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, Options);

    private static T Deserialize<T>(string text) => JsonSerializer.Deserialize<T>(text, Options)
        ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is empty.");
}
