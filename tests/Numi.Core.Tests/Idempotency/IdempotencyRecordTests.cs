using Numi.Core.Common;
using Numi.Core.Idempotency;

namespace Numi.Core.Tests.Idempotency;

public sealed class IdempotencyRecordTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly string Hash = SecretToken.Hash("{\"name\":\"Beans\"}");

    private static IdempotencyRecord NewRecord() =>
        IdempotencyRecord.Start(Guid.CreateVersion7(), "key-1", "POST", "/api/v1/products", Hash, Now);

    [Fact]
    public void Start_expires_after_the_retention_and_is_not_completed()
    {
        var record = NewRecord();
        Assert.Equal(Now + IdempotencyRecord.Retention, record.ExpiresAt);
        Assert.False(record.IsCompleted);
    }

    [Fact]
    public void Matches_the_same_request()
    {
        Assert.True(NewRecord().Matches("POST", "/api/v1/products", Hash));
    }

    [Theory]
    [InlineData("PUT", "/api/v1/products")]
    [InlineData("POST", "/api/v1/customers")]
    public void Does_not_match_another_method_or_path(string method, string path)
    {
        Assert.False(NewRecord().Matches(method, path, Hash));
    }

    [Fact]
    public void Does_not_match_another_body()
    {
        Assert.False(NewRecord().Matches("POST", "/api/v1/products", SecretToken.Hash("{\"name\":\"Tea\"}")));
    }

    [Fact]
    public void Complete_keeps_the_response()
    {
        var record = NewRecord();
        record.Complete(201, "application/json", "{}");
        Assert.True(record.IsCompleted);
        Assert.Equal(201, record.StatusCode);
        Assert.Equal("application/json", record.ContentType);
        Assert.Equal("{}", record.ResponseBody);
    }
}
