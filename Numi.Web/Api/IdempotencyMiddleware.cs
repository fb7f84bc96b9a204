using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Idempotency;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Api;

/// <summary>Stripe's <c>Idempotency-Key</c>: the first response to a POST is stored for 24 h and replayed for
/// the same key and body; the same key with another body is refused. A unique index on (organization, key)
/// makes two concurrent firsts impossible: the loser is told the request is in progress. An endpoint marked
/// <see cref="NotReplayed"/> ignores the header (see there).</summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context, RequestTenant tenant, IServiceScopeFactory scopes, ControllableClock clock)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || tenant.OrganizationId is not { } organizationId
            || context.GetEndpoint()?.Metadata.GetMetadata<NotReplayed>() is not null)
        {
            await next(context);
            return;
        }
        if (key.Length > IdempotencyRecord.MaxKeyLength)
        {
            await ApiProblem.Write(context, 400, "idempotency_error", $"Idempotency-Key must have at most {IdempotencyRecord.MaxKeyLength} characters.");
            return;
        }

        var requestHash = await HashRequestAsync(context.Request);
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "";

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestTenant>().Enter(organizationId, tenant.OrganizationName ?? "", tenant.OrganizationSlug ?? "", tenant.Role);
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.Key == key && r.ExpiresAt > now, context.RequestAborted);
        if (existing is not null)
        {
            await ReplayAsync(context, existing, method, path, requestHash);
            return;
        }

        var record = IdempotencyRecord.Start(organizationId, key, method, path, requestHash, now);
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.IdempotencyRecords.Where(r => r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(context.RequestAborted);
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            await ApiProblem.Write(context, 409, "idempotency_error", "A request with this Idempotency-Key is still being processed. Retry shortly.");
            return;
        }

        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            context.Response.Body = originalBody;
            if (failed)
            {
                db.IdempotencyRecords.Remove(record);
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }

        // Server errors are not remembered, so a retry after a fault can still succeed.
        if (context.Response.StatusCode >= 500) db.IdempotencyRecords.Remove(record);
        else record.Complete(context.Response.StatusCode, context.Response.ContentType, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        await db.SaveChangesAsync(CancellationToken.None);

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord existing, string method, string path, string requestHash)
    {
        if (!existing.Matches(method, path, requestHash))
        {
            await ApiProblem.Write(context, 400, "idempotency_error",
                "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
            return;
        }
        if (!existing.IsCompleted)
        {
            await ApiProblem.Write(context, 409, "idempotency_error", "A request with this Idempotency-Key is still being processed. Retry shortly.");
            return;
        }
        context.Response.StatusCode = existing.StatusCode!.Value;
        if (existing.ContentType is not null) context.Response.ContentType = existing.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.WriteAsync(existing.ResponseBody ?? "", context.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(request.Method + " " + request.Path + "\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>Marks a POST whose answer is not stored for replay, so its Idempotency-Key is ignored: one whose answer
/// holds a secret shown once (a new API key; stored, the secret would sit in the database in plain text), or one acting
/// for the person rather than the organization (records are kept per organization, and the person may have none yet or
/// be moved into another by the request itself).</summary>
public sealed class NotReplayed
{
    public static readonly NotReplayed Instance = new();
}

public static class NotReplayedExtensions
{
    public static RouteHandlerBuilder NotReplayed(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(Api.NotReplayed.Instance);
}
