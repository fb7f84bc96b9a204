using Numi.Core.ApiKeys;
using Numi.Core.Common;
using Numi.Core.Payments;
using Numi.Infrastructure.Stripe;
using Numi.Web.Operations;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Settings;

/// <summary>What the Stripe page shows of a connection: hints of the secrets, never the secrets themselves.</summary>
public sealed record StripeSummary(ApiKeyMode Mode, string SecretKeyHint, string PublishableKey, string WebhookSecretHints, DateTime ConnectedAt);

/// <summary>The organization's Stripe connection, if any, and the webhook address to give Stripe (on Numi's public
/// origin, never the address a request came in on).</summary>
public sealed record StripeStatus(StripeSummary? Connection, string WebhookUrl);

/// <summary>The Stripe page's reads and writes inside a <see cref="Interactive.CircuitOperations"/> scope. Stripe is
/// the owner's alone: the role is read again from the scope on every call.</summary>
public static class StripeOperations
{
    public const string Refusal = "Only owners manage the Stripe connection.";

    private static bool IsOwner(IServiceProvider services) => services.GetRequiredService<RequestTenant>().IsOwner;

    /// <summary>Null when the person is not an owner.</summary>
    public static async Task<StripeStatus?> StatusAsync(IServiceProvider services)
    {
        if (!IsOwner(services)) return null;
        var connection = await services.GetRequiredService<StripeConnections>().CurrentAsync(CancellationToken.None);
        var slug = services.GetRequiredService<RequestTenant>().OrganizationSlug;
        return new StripeStatus(
            connection is null ? null : new StripeSummary(connection.Mode, connection.SecretKeyHint, connection.PublishableKey, connection.WebhookSecretHints, connection.ConnectedAt),
            services.GetRequiredService<PublicOrigin>().Absolute($"webhooks/stripe/{slug}"));
    }

    public static async Task<Result<StripeConnection>> ConnectAsync(IServiceProvider services, ConnectStripe command) =>
        IsOwner(services)
            ? await services.GetRequiredService<ConnectStripeHandler>().HandleAsync(command, CancellationToken.None)
            : new Error(ErrorCodes.Forbidden, Refusal);

    public static async Task<Result<StripeConnection>> DisconnectAsync(IServiceProvider services) =>
        IsOwner(services)
            ? await services.GetRequiredService<DisconnectStripeHandler>().HandleAsync(new DisconnectStripe(), CancellationToken.None)
            : new Error(ErrorCodes.Forbidden, Refusal);
}
