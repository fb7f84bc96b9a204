using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;
using Numi.Web.Api.V1;

namespace Numi.Web.Api.Webhooks;

/// <summary><c>POST /webhooks/stripe/{organization slug}</c>: Stripe's events for one organization. The raw body's
/// signature is checked against the organization's signing secret; a valid event is stored once under its id and
/// answered 200 at once (a retried delivery too); anything else is 400 and nothing is stored.</summary>
public static class StripeWebhookApi
{
    public const string Provider = "stripe";

    public static void MapStripeWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/stripe/{organization}", ReceiveAsync).AllowAnonymous().WithName("ReceiveStripeWebhook")
            .WithSummary("Stripe webhook events for one organization, verified with its signing secret.");

    /// <summary>Webhooks are not signed in: the organization comes from the URL (past the tenant filter, by slug), and
    /// the duplicate check runs within that organization.</summary>
    private static async Task<IResult> ReceiveAsync(string organization, HttpRequest request, NumiDbContext db, StripeConnections stripe, TimeProvider clock,
        CancellationToken ct)
    {
        if (request.ContentLength > WebhookEvent.MaxPayloadBytes)
            return Problem(413, ErrorCodes.ParameterInvalid, "The event is larger than Numi accepts.");
        var bytes = await ProductsApi.ReadLimitedAsync(request.Body, WebhookEvent.MaxPayloadBytes + 1, ct);
        if (bytes.Length > WebhookEvent.MaxPayloadBytes) return Problem(413, ErrorCodes.ParameterInvalid, "The event is larger than Numi accepts.");
        var payload = Encoding.UTF8.GetString(bytes);

        var owner = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Slug == organization).Select(o => new { o.Id, o.WebhookSigningSecret }).FirstOrDefaultAsync(ct);
        if (owner is null) return Problem(404, ErrorCodes.ResourceMissing, "No such organization.");
        // The secrets the merchant saved with their Stripe keys, and the one set on the organization (the demo's).
        var secrets = (await stripe.WebhookSecretsOfAsync(owner.Id, ct)).Append(owner.WebhookSigningSecret).OfType<string>();
        if (!StripeSignature.IsValid(payload, request.Headers["Stripe-Signature"], secrets, clock.GetUtcNow()))
            return Problem(400, "signature_invalid", "The Stripe-Signature header is missing, too old, or does not match this organization's signing secret.");

        if (!TryRead(payload, out var eventId, out var type))
            return Problem(400, "invalid_json", "The body is not a Stripe event with an id (evt_…) and a type.");
        if (await db.WebhookEvents.IgnoreQueryFilters().AnyAsync(e => e.OrganizationId == owner.Id && e.Provider == Provider && e.EventId == eventId, ct))
            return Results.Ok(new { received = true, duplicate = true });

        db.WebhookEvents.Add(WebhookEvent.Receive(owner.Id, Provider, eventId, type, payload, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            // The same event arriving twice at once: the unique index let one in; the other is the duplicate.
            if (await db.WebhookEvents.IgnoreQueryFilters().AsNoTracking().AnyAsync(e => e.OrganizationId == owner.Id && e.Provider == Provider && e.EventId == eventId, ct))
                return Results.Ok(new { received = true, duplicate = true });
            throw;
        }
        return Results.Ok(new { received = true, duplicate = false });
    }

    private static bool TryRead(string payload, out string eventId, out string type)
    {
        eventId = type = "";
        try
        {
            using var json = JsonDocument.Parse(payload);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return false;
            if (!json.RootElement.TryGetProperty("id", out var id) || id.GetString() is not { Length: > 4 and <= 100 } idText || !idText.StartsWith("evt_", StringComparison.Ordinal)) return false;
            if (!json.RootElement.TryGetProperty("type", out var kind) || kind.GetString() is not { Length: > 0 and <= 100 } typeText) return false;
            (eventId, type) = (idText, typeText);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IResult Problem(int status, string code, string detail) => ApiProblem.Result(status, code, detail);
}
