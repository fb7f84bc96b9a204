using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.ApiKeys;
using Numi.Core.Common;
using Numi.Core.Payments;
using Numi.Web.Features.Settings;

namespace Numi.Web.Api.V1;

/// <summary>The organization's own Stripe account, as Settings › Stripe shows and changes it, for an owner's sign-in only
/// (<see cref="ApiPeople"/>: a key cannot send the organization's payments to another Stripe account). Secrets go in
/// and never come back: the answer shows what the page shows, the secret key's and signing secrets' hints (prefix and
/// last four characters) and the publishable key, which is public by design.</summary>
public static class StripeConnectionApi
{
    public sealed record StripeConnectionResponse(bool Connected, ApiKeyMode? Mode, string? SecretKeyHint, string? PublishableKey,
        IReadOnlyList<string> WebhookSecretHints, long? ConnectedAt, string WebhookUrl)
    {
        public string Object => "stripe_connection";

        public static StripeConnectionResponse From(StripeStatus status) => status.Connection is { } c
            ? new(true, c.Mode, c.SecretKeyHint, c.PublishableKey, c.WebhookSecretHints.Split(", ", StringSplitOptions.RemoveEmptyEntries),
                c.ConnectedAt.ToUnixSeconds(), status.WebhookUrl)
            : new(false, null, null, null, [], null, status.WebhookUrl);
    }

    public sealed class ConnectStripeRequest
    {
        public string? SecretKey { get; set; }
        public string? PublishableKey { get; set; }
        /// <summary>The endpoint's signing secret (whsec_…); while Stripe rolls it, both, one per line or comma-separated.</summary>
        public string? WebhookSecrets { get; set; }
    }

    public static RouteGroupBuilder MapStripeConnectionApi(this RouteGroupBuilder people)
    {
        people.MapGet("/stripe_connection", ReadStripeConnectionAsync).WithName("GetStripeConnection")
            .WithSummary("Whether Stripe is connected, the hints of its keys and the webhook address to give Stripe. Owners only.");
        people.MapPost("/stripe_connection", ConnectStripeAsync).AcceptsJson<ConnectStripeRequest>().WithName("ConnectStripe")
            .WithSummary("Connects Stripe, or replaces its keys, once Stripe accepts the secret key. Owners only.");
        people.MapDelete("/stripe_connection", DisconnectStripeAsync).WithName("DisconnectStripe")
            .WithSummary("Forgets the Stripe keys: checkouts go back to the simulated processor. Owners only; 404 when not connected.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return people;
    }

    private static async Task<Results<Ok<StripeConnectionResponse>, ProblemHttpResult>> ReadStripeConnectionAsync(HttpRequest request) =>
        await AnswerAsync(request.HttpContext.RequestServices);

    private static async Task<Results<Ok<StripeConnectionResponse>, ProblemHttpResult>> ConnectStripeAsync(HttpRequest request)
    {
        var (body, problem) = await ApiJson.ReadAsync<ConnectStripeRequest>(request);
        if (problem is not null) return problem;
        var services = request.HttpContext.RequestServices;
        var result = await StripeOperations.ConnectAsync(services, new ConnectStripe(body!.SecretKey, body.PublishableKey, body.WebhookSecrets));
        return result.Succeeded ? await AnswerAsync(services) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<StripeConnectionResponse>, ProblemHttpResult>> DisconnectStripeAsync(HttpRequest request)
    {
        var services = request.HttpContext.RequestServices;
        var result = await StripeOperations.DisconnectAsync(services);
        return result.Succeeded ? await AnswerAsync(services) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<StripeConnectionResponse>, ProblemHttpResult>> AnswerAsync(IServiceProvider services) =>
        await StripeOperations.StatusAsync(services) is { } status
            ? TypedResults.Ok(StripeConnectionResponse.From(status))
            : ApiPeople.OwnersOnly(StripeOperations.Refusal);
}
