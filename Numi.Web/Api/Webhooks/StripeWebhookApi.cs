using System.Buffers;
using System.Text;
using Numi.Core.Common;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Stripe.Webhooks;
using Numi.Infrastructure.Webhooks;

namespace Numi.Web.Api.Webhooks;

/// <summary><c>POST /webhooks/stripe/{organization slug}</c>: Stripe's events for one organization. The raw body's
/// signature is checked by Stripe.net against each of the organization's signing secrets; a valid event is stored once under its id and
/// answered 200 as soon as it is durably stored (a retried delivery too); anything else is 400 and nothing is stored.
/// <para>The answer does as little as it can, because Stripe retries what it finds slow: the body is read into a pooled
/// buffer, the organization and its secrets come from memory (<see cref="WebhookSigners"/>), and the insert is batched
/// with the other deliveries of the moment (<see cref="WebhookInbox"/>), which also tells a duplicate apart.</para></summary>
public static class StripeWebhookApi
{
    public const string Provider = "stripe";

    private static readonly byte[] Stored = """{"received":true,"duplicate":false}"""u8.ToArray();
    private static readonly byte[] Duplicate = """{"received":true,"duplicate":true}"""u8.ToArray();

    public static void MapStripeWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/stripe/{organization}", ReceiveAsync).AllowAnonymous().WithName("ReceiveStripeWebhook")
            .WithSummary("Stripe webhook events for one organization, verified with its signing secret.");

    /// <summary>Webhooks are not signed in: the organization comes from the URL (past the tenant filter, by slug), and
    /// the duplicate check runs within that organization.</summary>
    private static async Task<IResult> ReceiveAsync(string organization, HttpRequest request, WebhookSigners signers, WebhookInbox inbox, TimeProvider clock,
        CancellationToken ct)
    {
        if (request.ContentLength > WebhookEvent.MaxPayloadBytes || await ReadAsync(request, ct) is not (string payload, var envelope))
            return Problem(413, ErrorCodes.ParameterInvalid, "The event is larger than Numi accepts.");

        if (await signers.FindAsync(organization, ct) is not { } signer) return Problem(404, ErrorCodes.ResourceMissing, "No such organization.");
        var now = clock.GetUtcNow();
        if (!StripeWebhookSignature.IsValid(payload, request.Headers["Stripe-Signature"], signer.Secrets, now))
            return Problem(400, "signature_invalid", "The Stripe-Signature header is missing, too old, or does not match this organization's signing secret.");

        if (envelope is not ({ Length: > 4 and <= 100 } eventId, { Length: <= 100 } type) || !eventId.StartsWith("evt_", StringComparison.Ordinal))
            return Problem(400, "invalid_json", "The body is not a Stripe event with an id (evt_…) and a type.");
        try
        {
            var duplicate = await inbox.StoreAsync(WebhookEvent.Receive(signer.OrganizationId, Provider, eventId, type, payload, now.UtcDateTime), ct);
            return Results.Bytes(duplicate ? Duplicate : Stored, "application/json; charset=utf-8");
        }
        catch (WebhookNotStoredException)
        {
            // Logged by the inbox, once per batch. Not acknowledged, so Stripe delivers the event again.
            return Problem(500, "event_not_stored", "The event could not be stored; deliver it again.");
        }
    }

    /// <summary>The body as text with the event's id and type (<see cref="StripeEvents.TryReadEnvelope"/>: an id must
    /// look like Stripe's, <c>evt_…</c>, to be stored under it), read into a pooled buffer; null when it is larger than an
    /// event may be (also when the client sent no length, or a false one).</summary>
    private static async Task<(string Payload, (string Id, string Type)? Envelope)?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        const int limit = WebhookEvent.MaxPayloadBytes;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, limit) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) return (Encoding.UTF8.GetString(buffer, 0, length), StripeEvents.TryReadEnvelope(buffer.AsSpan(0, length)));
                length += read;
                if (length > limit) return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult Problem(int status, string code, string detail) => ApiProblem.Result(status, code, detail);
}
