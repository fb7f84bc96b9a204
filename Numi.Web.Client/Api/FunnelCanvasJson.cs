using System.Text.Json;
using System.Text.Json.Serialization;
using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Api;

/// <summary>The funnel the API answers every canvas change with, and the changes the canvas sends, read and written by
/// generated code: in WebAssembly's interpreter, reading a 20-step funnel by reflection
/// (<see cref="Numi.Contracts.WireJson.Lenient"/>) took a good part of a drop's wait. Same wire rules as Lenient:
/// snake_case, unknown fields skipped.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, MaxDepth = 32)]
[JsonSerializable(typeof(FunnelDetails))]
[JsonSerializable(typeof(AddStepRequest))]
[JsonSerializable(typeof(UpdateStepRequest))]
[JsonSerializable(typeof(MoveStepRequest))]
[JsonSerializable(typeof(RevisionRequest))]
[JsonSerializable(typeof(VariantRequest))]
[JsonSerializable(typeof(StepWeightsRequest))]
[JsonSerializable(typeof(StopTestRequest))]
[JsonSerializable(typeof(RollbackRequest))]
internal sealed partial class FunnelCanvasJson : JsonSerializerContext;
