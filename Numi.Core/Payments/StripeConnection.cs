using Numi.Core.ApiKeys;
using Numi.Core.Common;

namespace Numi.Core.Payments;

/// <summary>An organization's own Stripe account: with it, its shoppers pay through Stripe instead of the simulated
/// processor. The secret key and webhook signing secrets are held only in protected (encrypted) form; the hints are
/// what people see afterwards.</summary>
public sealed class StripeConnection : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public ApiKeyMode Mode { get; private set; }
    public string ProtectedSecretKey { get; private set; } = "";
    /// <summary>"sk_test_…abcd": enough to recognise the key, not to use it.</summary>
    public string SecretKeyHint { get; private set; } = "";
    /// <summary>Public by design (it is sent to shoppers' browsers), so kept as it is.</summary>
    public string PublishableKey { get; private set; } = "";
    /// <summary>The signing secrets (one per line, several while Stripe rotates them), protected as one value.</summary>
    public string ProtectedWebhookSecrets { get; private set; } = "";
    public string WebhookSecretHints { get; private set; } = "";
    public DateTime ConnectedAt { get; private set; }

    private StripeConnection() { }

    public static StripeConnection Create(DateTime now) => new() { ConnectedAt = now };

    public void Use(StripeKeys keys, ISecretProtector protector, DateTime now)
    {
        Mode = keys.Mode;
        ProtectedSecretKey = protector.Protect(keys.SecretKey);
        SecretKeyHint = Hint(keys.SecretKey);
        PublishableKey = keys.PublishableKey;
        ProtectedWebhookSecrets = protector.Protect(string.Join('\n', keys.WebhookSecrets));
        WebhookSecretHints = string.Join(", ", keys.WebhookSecrets.Select(Hint));
        ConnectedAt = now;
    }

    /// <summary>The prefix (up to the mode) and the last four characters.</summary>
    public static string Hint(string secret)
    {
        var prefix = secret.StartsWith("whsec_", StringComparison.Ordinal) ? "whsec_" : secret[..(secret.IndexOf('_', secret.IndexOf('_') + 1) + 1)];
        return prefix + "…" + secret[^4..];
    }
}

/// <summary>A validated set of Stripe keys in plain text, held only in memory while connecting.</summary>
public sealed record StripeKeys(ApiKeyMode Mode, string SecretKey, string PublishableKey, IReadOnlyList<string> WebhookSecrets)
{
    public override string ToString() => $"StripeKeys {{ {Mode}, {StripeConnection.Hint(SecretKey)} }}";
}
