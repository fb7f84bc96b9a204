using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;

namespace Numi.Web.Api;

/// <summary>JSON in and out of the public API: snake_case, unknown fields refused, every parse failure a problem.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options => WireJson.Strict;

    /// <summary>An enum value as the API spells it: <c>PartiallyRefunded</c> is <c>partially_refunded</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Reads the body as <typeparamref name="T"/>; an empty body is an empty object. A field listed in
    /// <paramref name="moved"/> is refused with the name it has now.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request,
        IReadOnlyDictionary<string, string>? moved = null) where T : class, new()
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
            return (new T(), null);
        if (!request.HasJsonContentType())
            return (null, ApiProblem.Result(415, "unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, ApiProblem.Result(400, "invalid_json", "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            var param = ParamFromPath(exception.Path);
            if (exception.Message.Contains("could not be mapped", StringComparison.Ordinal) && param is not null
                && moved is not null && moved.TryGetValue(param, out var now))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterUnknown, $"{param} is now {now}: send it inside the {now.Split('.')[0]} object, as Stripe does.", param));
            if (exception.Message.Contains("could not be mapped", StringComparison.Ordinal))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterUnknown, $"Received unknown parameter: {param}.", param));
            if (param is not null && exception.Message.Contains("could not be converted", StringComparison.Ordinal))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"Invalid value for {param}: check its type.", param));
            return (null, ApiProblem.Result(400, "invalid_json", "The body is not valid JSON."));
        }
    }

    private static string? ParamFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}

/// <summary>The body of an action that takes no fields (<c>POST /api_keys/{id}/revoke</c>): empty or <c>{}</c>; any field
/// is refused as unknown.</summary>
public sealed class EmptyRequest;
