using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Tenancy;
using Numi.Core.Common;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;
using Numi.Infrastructure.Stripe.Webhooks;
using Numi.Web.Api.V1;

namespace Numi.Web.Api.Webhooks;

/// <summary><c>POST /webhooks/stripe/{organization slug}</c>: Stripe's events for one organization. The raw body's
/// signature is checked by Stripe.net against each of the organization's signing secrets; a valid event is stored once under its id and
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

        var owner = await db.FindWebhookOwnerAsync(organization, ct);
        if (owner is null) return Problem(404, ErrorCodes.ResourceMissing, "No such organization.");
        // The secrets the merchant saved with their Stripe keys, and the one set on the organization (the demo's).
        var secrets = (await stripe.WebhookSecretsOfAsync(owner.Id, ct)).Append(owner.SigningSecret);
        if (!StripeWebhookSignature.IsValid(payload, request.Headers["Stripe-Signature"], secrets, clock.GetUtcNow()))
            return Problem(400, "signature_invalid", "The Stripe-Signature header is missing, too old, or does not match this organization's signing secret.");

        if (!TryRead(payload, out var eventId, out var type))
            return Problem(400, "invalid_json", "The body is not a Stripe event with an id (evt_…) and a type.");
        if (await db.WebhookEventStoredAsync(owner.Id, Provider, eventId, ct))
            return Results.Ok(new { received = true, duplicate = true });

        db.WebhookEvents.Add(WebhookEvent.Receive(owner.Id, Provider, eventId, type, payload, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            // The same event arriving twice at once: the unique index let one in; the other is the duplicate.
            if (await db.WebhookEventStoredAsync(owner.Id, Provider, eventId, ct))
                return Results.Ok(new { received = true, duplicate = true });
            throw;
        }
        return Results.Ok(new { received = true, duplicate = false });
    }

    /// <summary>The event's id and type as Stripe.net reads them; an id must look like Stripe's (<c>evt_…</c>) to be
    /// stored under it.</summary>
    private static bool TryRead(string payload, out string eventId, out string type)
    {
        (eventId, type) = ("", "");
        if (StripeEvents.TryRead(payload) is not { Id: { Length: > 4 and <= 100 } id, Type: { Length: <= 100 } kind } || !id.StartsWith("evt_", StringComparison.Ordinal))
            return false;
        (eventId, type) = (id, kind);
        return true;
    }

    private static IResult Problem(int status, string code, string detail) => ApiProblem.Result(status, code, detail);
}
