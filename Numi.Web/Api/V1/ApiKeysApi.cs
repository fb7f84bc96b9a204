using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.ApiKeys;
using Numi.Core.Common;
using Numi.Web.Features.Settings;

namespace Numi.Web.Api.V1;

/// <summary>The organization's secret API keys (<c>key_…</c>), for an owner's sign-in only (<see cref="ApiPeople"/>): a
/// key cannot make or revoke keys. The secret is in the answer that creates the key and nowhere else (only its hash is
/// stored, and that answer is never kept for an Idempotency-Key replay). The page's own operations run, so only owners
/// pass, on the page and here alike.</summary>
public static class ApiKeysApi
{
    public record ApiKeyResponse(string Id, string Name, ApiKeyMode Mode, string Hint, bool Active, long Created, long? LastUsed, long? Revoked)
    {
        public string Object => "api_key";

        public static ApiKeyResponse From(ApiKey k) =>
            new(k.PublicId, k.Name, k.Mode, k.Hint, k.IsActive, k.CreatedAt.ToUnixSeconds(), k.LastUsedAt?.ToUnixSeconds(), k.RevokedAt?.ToUnixSeconds());
    }

    /// <summary>The answer to creating a key: the key and, this once, its <c>secret</c>.</summary>
    public sealed record NewApiKeyResponse(string Id, string Name, ApiKeyMode Mode, string Hint, bool Active, long Created, long? LastUsed, long? Revoked,
        string Secret) : ApiKeyResponse(Id, Name, Mode, Hint, Active, Created, LastUsed, Revoked);

    public sealed class CreateApiKeyRequest
    {
        public string? Name { get; set; }
        /// <summary>test (the default, sk_test_) or live (sk_live_).</summary>
        public ApiKeyMode? Mode { get; set; }
    }

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder people)
    {
        people.MapGet("/api_keys", ListApiKeysAsync).WithName("ListApiKeys").WithSummary("The organization's API keys, newest first; ?active=true|false filters. Owners only.");
        people.MapPost("/api_keys", CreateApiKeyAsync).AcceptsJson<CreateApiKeyRequest>().WithName("CreateApiKey").NotReplayed()
            .WithSummary("Creates a key and answers its secret, this once. Owners only; Idempotency-Key is ignored (the answer is never stored).");
        people.MapPost("/api_keys/{id}/revoke", RevokeApiKeyAsync).AcceptsJson<EmptyRequest>().WithName("RevokeApiKey")
            .WithSummary("Revokes a key: requests with it are refused with 401 from now on. Owners only.");
        return people;
    }

    private static async Task<Results<Ok<ApiList<ApiKeyResponse>>, ProblemHttpResult>> ListApiKeysAsync(HttpRequest request, CancellationToken ct)
    {
        if (ApiKeyOperations.Keys(request.HttpContext.RequestServices) is not { } keys) return ApiPeople.OwnersOnly(ApiKeyOperations.Refusal);
        var (active, problem) = ApiPaging.Flag(request, "active");
        if (problem is not null) return problem;
        if (active is { } wanted) keys = wanted ? keys.Where(k => k.RevokedAt == null) : keys.Where(k => k.RevokedAt != null);
        return await ApiPaging.PageAsync(request, keys, IdPrefixes.ApiKey, "/api/v1/api_keys", ApiKeyResponse.From, ct);
    }

    private static async Task<Results<Ok<NewApiKeyResponse>, ProblemHttpResult>> CreateApiKeyAsync(HttpRequest request)
    {
        var (body, problem) = await ApiJson.ReadAsync<CreateApiKeyRequest>(request);
        if (problem is not null) return problem;
        var result = await ApiKeyOperations.CreateAsync(request.HttpContext.RequestServices, body!.Name, body.Mode ?? ApiKeyMode.Test,
            ApiPeople.Person(request.HttpContext));
        if (!result.Succeeded) return ApiProblem.From(result.Errors);
        var (k, secret) = (result.Value.Key, result.Value.Secret);
        return TypedResults.Ok(new NewApiKeyResponse(k.PublicId, k.Name, k.Mode, k.Hint, k.IsActive, k.CreatedAt.ToUnixSeconds(), null, null, secret));
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeApiKeyAsync(string id, HttpRequest request)
    {
        if (!PublicId.TryParse(IdPrefixes.ApiKey, id, out var key)) return NoSuchKey(id);
        var (_, problem) = await ApiJson.ReadAsync<EmptyRequest>(request);
        if (problem is not null) return problem;
        var result = await ApiKeyOperations.RevokeAsync(request.HttpContext.RequestServices, key.Value);
        if (result.Succeeded) return TypedResults.Ok(ApiKeyResponse.From(result.Value));
        return result.FirstError.Code == ErrorCodes.ResourceMissing ? NoSuchKey(id) : ApiProblem.From(result.Errors);
    }

    private static ProblemHttpResult NoSuchKey(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such API key: '{id}'.", "id");
}
