using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/openapi/v1.json describes every /api/v1 operation: the JSON body each write reads, the answer of each
/// operation, and its problems, with schemas a client generator can follow. Walks the whole document, so a new
/// endpoint that forgets to declare its body fails here.</summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiDocumentTests(NumiFactory factory)
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    [Fact]
    public async Task Every_api_operation_has_its_request_and_response_schemas()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        var gaps = new List<string>();
        foreach (var (name, method, operation) in operations)
        {
            if (method is "post" or "put" && BodySchema(operation) is null) gaps.Add($"{name}: no request body schema");
            // An operation that creates something answers 201 (a credit note); the others 200; a file (a PDF, a CSV) has no JSON schema.
            var success = Responses(operation).ContainsKey("201") ? "201" : "200";
            if (Responses(operation).TryGetValue("200", out var file) && (IsFile(file, "application/pdf") || IsFile(file, "text/csv"))) { }
            else if (!Responses(operation).TryGetValue(success, out var ok) || Schema(ok, "application/json") is not { } answer)
                gaps.Add($"{name}: no {success} response schema");
            else if (Resolve(document, answer) is not { } resolved || !resolved.TryGetProperty("properties", out _))
                gaps.Add($"{name}: its {success} schema has no properties");
            foreach (var status in ExpectedProblems(name, method))
            {
                if (!Responses(operation).TryGetValue(status, out var problem) || Schema(problem, "application/problem+json") is null)
                    gaps.Add($"{name}: no {status} problem response");
            }
        }

        Assert.True(operations.Count >= 40, $"Expected every /api/v1 operation, found {operations.Count}.");
        Assert.True(gaps.Count == 0, "Undocumented:\n" + string.Join('\n', gaps));
    }

    [Fact]
    public async Task The_price_schemas_name_the_recurring_object_in_snake_case()
    {
        var document = await DocumentAsync();
        var create = Operations(document).Single(o => o.Name == "post /api/v1/prices").Operation;

        var body = Resolve(document, BodySchema(create)!.Value)!.Value.GetProperty("properties");
        var recurring = Resolve(document, body.GetProperty("recurring"))!.Value.GetProperty("properties");
        var answer = Resolve(document, Schema(Responses(create)["200"], "application/json")!.Value)!.Value.GetProperty("properties");

        Assert.False(body.TryGetProperty("interval", out _), "a price body takes its schedule inside recurring");
        Assert.True(recurring.TryGetProperty("interval", out _));
        Assert.True(recurring.TryGetProperty("interval_count", out _));
        Assert.True(recurring.TryGetProperty("cancel_after_cycles", out _));
        Assert.True(answer.TryGetProperty("recurring", out _));
        Assert.True(answer.TryGetProperty("unit_amount", out _));
    }

    [Fact]
    public async Task The_image_upload_takes_raw_image_bytes()
    {
        var document = await DocumentAsync();
        var upload = Operations(document).Single(o => o.Name == "put /api/v1/products/{id}/image").Operation;

        var content = upload.GetProperty("requestBody").GetProperty("content");

        Assert.Equal(["image/gif", "image/jpeg", "image/png", "image/webp"], content.EnumerateObject().Select(c => c.Name).Order());
        Assert.Equal("binary", Resolve(document, BodySchema(upload)!.Value)!.Value.GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_person_endpoints_say_they_refuse_an_api_key()
    {
        string[] people = ["/me", "/organizations", "/members", "/invitations", "/api_keys", "/stripe_connection", "/webhook_events"];
        var operations = Operations(await DocumentAsync())
            .Where(o => people.Any(p => o.Name.Contains(" /api/v1" + p + "/", StringComparison.Ordinal) || o.Name.EndsWith(" /api/v1" + p, StringComparison.Ordinal)))
            .ToList();

        Assert.True(operations.Count >= 16, $"Expected every person endpoint, found {operations.Count}.");
        Assert.All(operations, o => Assert.True(Responses(o.Operation).ContainsKey("403"), $"{o.Name}: no 403 problem response"));
    }

    [Fact]
    public async Task Problems_are_described_with_their_code_and_param()
    {
        var document = await DocumentAsync();
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");

        Assert.All(new[] { "status", "title", "detail", "code", "param", "decline_code", "errors" },
            name => Assert.True(problem.TryGetProperty(name, out _), $"ProblemDetails has no {name}"));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateApiClient(null);
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static IEnumerable<(string Name, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        where path.Name.StartsWith("/api/v1/", StringComparison.Ordinal)
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select ($"{method.Name} {path.Name}", method.Name, method.Value);

    /// <summary>Every operation can answer bad input; one naming a resource can miss it; a write can be refused.</summary>
    private static IEnumerable<string> ExpectedProblems(string name, string method)
    {
        yield return "400";
        yield return "401";
        if (name.Contains('{')) yield return "404";
        if (method != "get") yield return "422";
    }

    private static Dictionary<string, JsonElement> Responses(JsonElement operation) =>
        operation.TryGetProperty("responses", out var responses)
            ? responses.EnumerateObject().ToDictionary(r => r.Name, r => r.Value)
            : [];

    /// <summary>The schema of the body in its first media type (JSON for all but the image upload).</summary>
    private static JsonElement? BodySchema(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            && content.EnumerateObject().FirstOrDefault() is { Value.ValueKind: JsonValueKind.Object } media
            && media.Value.TryGetProperty("schema", out var schema) ? schema : null;

    /// <summary>A download (an invoice's PDF) answers its bytes in their own media type rather than JSON.</summary>
    private static bool IsFile(JsonElement response, string mediaType) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty(mediaType, out _);

    private static JsonElement? Schema(JsonElement owner, string mediaType) =>
        owner.TryGetProperty("content", out var content) && content.TryGetProperty(mediaType, out var media)
            && media.TryGetProperty("schema", out var schema) ? schema : null;

    /// <summary>Follows a <c>$ref</c> (also the one beside <c>null</c> in a nullable's <c>oneOf</c>) into
    /// <c>components/schemas</c>; null when it points nowhere.</summary>
    private static JsonElement? Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("oneOf", out var choices))
            return choices.EnumerateArray().Where(c => c.TryGetProperty("$ref", out _)).Select(c => Resolve(document, c)).FirstOrDefault();
        if (!schema.TryGetProperty("$ref", out var reference)) return schema;
        var name = reference.GetString()!.Split('/')[^1];
        return document.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out var found) ? found : null;
    }
}
