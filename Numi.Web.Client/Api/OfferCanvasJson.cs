using System.Text.Json;
using System.Text.Json.Serialization;
using Numi.Contracts.Offers;

namespace Numi.Web.Client.Api;

/// <summary>A canvas change and the state the API answers it with, written and read by generated code: reflection
/// (<see cref="WireJson.Lenient"/>) is slow in WebAssembly's interpreter, and a drop waits for both. Same wire rules as
/// Lenient: snake_case names and enum values, unknown fields skipped.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, MaxDepth = 32, Converters = [typeof(SnakeCaseKind)])]
[JsonSerializable(typeof(CanvasChange))]
[JsonSerializable(typeof(OfferCanvasState))]
internal sealed partial class OfferCanvasJson : JsonSerializerContext
{
    private sealed class SnakeCaseKind() : JsonStringEnumConverter<CanvasChangeKind>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
}
