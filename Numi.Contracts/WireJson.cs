using System.Text.Json;
using System.Text.Json.Serialization;

namespace Numi.Contracts;

/// <summary>JSON as Numi's API writes it: snake_case names, enums as snake_case strings.</summary>
public static class WireJson
{
    /// <summary>What the API reads: unknown fields are refused, so a misspelt one is an error, not silently dropped.</summary>
    public static readonly JsonSerializerOptions Strict = Create(strict: true);

    /// <summary>What a client reads: fields it does not know (added later, or <c>object</c>) are ignored.</summary>
    public static readonly JsonSerializerOptions Lenient = Create(strict: false);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            MaxDepth = 32,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
