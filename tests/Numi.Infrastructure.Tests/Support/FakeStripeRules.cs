namespace Numi.Infrastructure.Tests.Support;

/// <summary>What the fake Stripe insists on, so that a test fails when Stripe.net (or Numi's use of it) sends something
/// Stripe would refuse or that Numi promises not to send: the pinned <c>Stripe-Version</c>, a secret key, form
/// encoding with Stripe.net's indexed lists (<c>expand[0]</c>), an <c>Idempotency-Key</c> on every POST, and only the
/// parameters each endpoint takes (Stripe answers an unknown one with 400 and its name).</summary>
internal static class FakeStripeRules
{
    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        ["GET /v1/balance"] = [],
        ["GET /v1/customers"] = ["email", "limit"],
        ["POST /v1/customers"] = ["email", "metadata[*]"],
        ["POST /v1/payment_intents"] = ["amount", "currency", "customer", "payment_method", "allowed_payment_method_types[#]", "confirm", "description",
            "metadata[*]", "off_session", "setup_future_usage", "expand[#]"],
        ["GET /v1/payment_intents/{id}"] = ["expand[#]"],
        ["POST /v1/refunds"] = ["payment_intent", "amount", "metadata[*]"],
    };

    /// <summary>Why Stripe would refuse this request, with the parameter at fault; null when it is well formed.</summary>
    public static (string Message, string? Param)? Problem(FakeStripeServer.Recorded request, string endpoint, string? contentType)
    {
        if (request.StripeVersion != FakeStripeServer.PinnedVersion)
            return ($"Fake Stripe expects Stripe-Version {FakeStripeServer.PinnedVersion}, got '{request.StripeVersion}'.", null);
        if (request.Method == "POST")
        {
            if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
                return ($"Stripe's v1 API takes form-encoded bodies, not '{contentType}'.", null);
            if (string.IsNullOrEmpty(request.IdempotencyKey))
                return ("Numi sends an Idempotency-Key with every POST; this one has none.", null);
        }
        else if (request.Form.Count > 0) return ("A GET carries its parameters in the query string.", null);
        if (!Parameters.TryGetValue(endpoint, out var known)) return null;
        var fields = request.Method == "POST" ? request.Form : request.QueryFields;
        foreach (var (name, _) in fields)
        {
            if (!known.Any(k => Matches(k, name))) return ($"Received unknown parameter: {name}", name);
        }
        return null;
    }

    /// <summary><c>name[*]</c> is a hash (any key), <c>name[#]</c> a list in Stripe.net's indexed encoding.</summary>
    private static bool Matches(string pattern, string name)
    {
        if (pattern.EndsWith("[*]", StringComparison.Ordinal))
            return name.StartsWith(pattern[..^2], StringComparison.Ordinal) && name.EndsWith(']') && name.Length > pattern.Length - 1;
        if (pattern.EndsWith("[#]", StringComparison.Ordinal))
            return name.StartsWith(pattern[..^2], StringComparison.Ordinal) && name.EndsWith(']') && int.TryParse(name[(pattern.Length - 2)..^1], out _);
        return pattern == name;
    }
}
