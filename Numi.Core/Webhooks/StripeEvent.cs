using System.Text.Json;

namespace Numi.Core.Webhooks;

/// <summary>A stored Stripe event read for processing: its type and the object it is about (<c>data.object</c>). Only
/// ids and references are taken from it; money and statuses are asked of the processor or checked against Numi's own
/// records.</summary>
public sealed class StripeEvent
{
    private StripeEvent(string id, string type, JsonElement data)
    {
        Id = id;
        Type = type;
        Object = data;
    }

    public string Id { get; }
    public string Type { get; }
    /// <summary><c>data.object</c>: a PaymentIntent, a Charge or a Dispute, by type.</summary>
    public JsonElement Object { get; }

    /// <summary>The payload as stored (it was checked to be an event with an id and a type when it arrived).</summary>
    public static StripeEvent Parse(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("object", out var o)
            ? o.Clone()
            : default;
        return new StripeEvent(root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!, data);
    }

    /// <summary>A string found by following <paramref name="path"/> from <c>data.object</c>, or null.</summary>
    public string? Text(params string[] path) => Find(Object, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A whole number found by following <paramref name="path"/> from <c>data.object</c>, or null.</summary>
    public long? Number(params string[] path) => Find(Object, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n) ? n : null;

    /// <summary>The elements of the array at <paramref name="path"/> (such as a charge's <c>refunds.data</c>), or none.</summary>
    public IReadOnlyList<JsonElement> List(params string[] path) =>
        Find(Object, path) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static JsonElement? Find(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        }
        return element;
    }
}
