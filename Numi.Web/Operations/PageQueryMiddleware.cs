using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Numi.Web.Operations;

/// <summary>Blazor throws (a 500) when a query value does not parse as the type of the page's
/// <c>[SupplyParameterFromQuery]</c> property: <c>?page=abc</c>, <c>?page=</c>, <c>?welcome=1</c>. Before the page
/// renders, this drops such values from the request's query, so the page sees the parameter as absent and keeps its
/// default (list pages then clamp the page number). Values are tried the way Blazor parses them (invariant culture,
/// the same number styles), so anything this keeps, Blazor accepts. Only the routed page's own properties are known
/// here; a child component reading the query must use strings (a test checks that none does otherwise).</summary>
public sealed class PageQueryMiddleware(RequestDelegate next)
{
    private delegate bool Parser(string value);

    private static readonly ConcurrentDictionary<Type, Dictionary<string, Parser>> TypedParameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            var parameters = TypedParameters.GetOrAdd(page.Type, TypedParametersOf);
            if (parameters.Count > 0) context.Request.QueryString = Keep(context.Request.QueryString, parameters);
        }
        return next(context);
    }

    /// <summary>The query without the values its typed parameters cannot take; every other pair is kept as it was sent.</summary>
    private static QueryString Keep(QueryString query, Dictionary<string, Parser> parameters)
    {
        var pairs = query.Value!.TrimStart('?').Split('&');
        var kept = pairs.Where(pair =>
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            return !parameters.TryGetValue(name, out var parses) || parses(Decode(equals < 0 ? "" : pair[(equals + 1)..]));
        }).ToList();
        if (kept.Count == pairs.Length) return query;
        return kept.Count == 0 ? QueryString.Empty : new QueryString("?" + string.Join('&', kept));
    }

    private static string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));

    /// <summary>The page's query parameters that are not strings, by their query name (Blazor matches names whatever
    /// their case), with how Blazor would parse each.</summary>
    private static Dictionary<string, Parser> TypedParametersOf(Type page)
    {
        var parameters = new Dictionary<string, Parser>(StringComparer.OrdinalIgnoreCase);
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var property in page.GetProperties(all))
        {
            if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not { } query) continue;
            if (ParserFor(property.PropertyType) is { } parser) parameters[query.Name ?? property.Name] = parser;
        }
        return parameters;
    }

    private static Parser? ParserFor(Type type)
    {
        if (type.IsArray) return ParserFor(type.GetElementType()!);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var parser = ParserFor(underlying);
            return parser is null ? null : value => value.Length == 0 || parser(value);
        }
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(bool) => value => bool.TryParse(value, out _),
            _ when type == typeof(int) => value => int.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when type == typeof(long) => value => long.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when type == typeof(decimal) => value => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when type == typeof(double) => value => double.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when type == typeof(float) => value => float.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when type == typeof(Guid) => value => Guid.TryParse(value, out _),
            _ when type == typeof(DateTime) => value => DateTime.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when type == typeof(DateOnly) => value => DateOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when type == typeof(TimeOnly) => value => TimeOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ => null,
        };
    }
}
