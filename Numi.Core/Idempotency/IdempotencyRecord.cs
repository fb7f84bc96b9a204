using Numi.Core.Common;

namespace Numi.Core.Idempotency;

/// <summary>The first response to a POST sent with an <c>Idempotency-Key</c>, kept so a retry gets the same
/// answer without doing the work again. Unique per (organization, key).</summary>
public sealed class IdempotencyRecord : IOrganizationOwned
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    public const int MaxKeyLength = 255;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Key { get; private set; } = "";
    public string RequestMethod { get; private set; } = "";
    public string RequestPath { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    /// <summary>Null while the first request is still being processed.</summary>
    public int? StatusCode { get; private set; }
    public string? ContentType { get; private set; }
    public string? ResponseBody { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    private IdempotencyRecord() { }

    public static IdempotencyRecord Start(Guid organizationId, string key, string method, string path, string requestHash, DateTime now) => new()
    {
        OrganizationId = organizationId,
        Key = key,
        RequestMethod = method,
        RequestPath = path,
        RequestHash = requestHash,
        CreatedAt = now,
        ExpiresAt = now + Retention,
    };

    public bool IsCompleted => StatusCode is not null;

    public bool Matches(string method, string path, string requestHash) =>
        RequestMethod == method && RequestPath == path && SecretToken.HashesEqual(RequestHash, requestHash);

    public void Complete(int statusCode, string? contentType, string body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        ResponseBody = body;
    }
}
