using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Numi.Web.Api;

/// <summary>What <c>/openapi/v1.json</c> learns that the handlers' signatures cannot tell it. Handlers read their
/// body through <see cref="ApiJson"/> (to answer every parse failure as a problem), so the body's type is declared
/// beside the route; the problems an operation can answer follow from its route's shape.</summary>
public static class ApiDocumentation
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Declares the JSON body the handler reads with <see cref="ApiJson.ReadAsync{T}"/>.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder endpoint) where T : notnull =>
        endpoint.DescribesBody<T>("application/json");

    /// <summary>Documents the body without <c>Accepts</c>: that metadata also makes routing refuse other content types,
    /// which would send a wrong one to the API's 404 fallback instead of the handler's own 415 or 422.</summary>
    public static RouteHandlerBuilder DescribesBody<T>(this RouteHandlerBuilder endpoint, params string[] contentTypes) where T : notnull =>
        endpoint.WithMetadata(new DocumentedBody(typeof(T), contentTypes));

    private sealed record DocumentedBody(Type Type, string[] ContentTypes);

    /// <summary>Every operation can refuse bad input (400); one that names a resource can miss it (404); one that
    /// writes can refuse a valid-looking value (422) or a state that forbids it (409).</summary>
    public static RouteGroupBuilder DescribeProblems(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route) return;
            var writes = endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Any(IsWrite));
            Problem(endpoint, StatusCodes.Status400BadRequest);
            if (route.RoutePattern.Parameters.Any(p => p.ParameterKind == RoutePatternParameterKind.Standard)) Problem(endpoint, StatusCodes.Status404NotFound);
            if (!writes) return;
            Problem(endpoint, StatusCodes.Status409Conflict);
            Problem(endpoint, StatusCodes.Status422UnprocessableEntity);
        });
        return api;
    }

    /// <summary>Numi's problems carry Stripe's <c>code</c> and <c>param</c> (and <c>decline_code</c>, <c>errors</c>)
    /// beside RFC 9457's fields; the document says so, so clients can read them.</summary>
    public static OpenApiOptions DescribeBodies(this OpenApiOptions options) =>
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().FirstOrDefault() is not { } body) return;
            var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                // An empty body reads as {} (ApiJson), so none is strictly required: a refund without one refunds all.
                Required = false,
                Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        });

    public static OpenApiOptions DescribeProblemExtensions(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type != typeof(ProblemDetails)) return Task.CompletedTask;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = Text("What went wrong, as Stripe names it: parameter_missing, parameter_invalid, card_declined…");
            schema.Properties["param"] = Text("The request field at fault, such as recurring.interval.");
            schema.Properties["decline_code"] = Text("The bank's reason when code is card_declined.");
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Every field's error when there are several; the first is also code, param and detail.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema> { ["code"] = Text(null), ["message"] = Text(null), ["param"] = Text(null) },
                },
            };
            return Task.CompletedTask;
        });

    private static OpenApiSchema Text(string? description) => new() { Type = JsonSchemaType.String, Description = description };

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    private static void Problem(EndpointBuilder endpoint, int status) =>
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
}
