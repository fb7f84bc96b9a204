using Numi.Core.Payments;

namespace Numi.Infrastructure.Stripe;

/// <summary>Checks a secret key the way Stripe sees it: by reading the account's balance with it.</summary>
public sealed class StripeAccountCheck(StripeClientFactory clients) : IStripeAccountCheck
{
    public async Task<string?> ProblemAsync(string secretKey, CancellationToken ct)
    {
        try
        {
            var error = await new StripeApi(clients.Create(secretKey)).CheckKeyAsync(ct);
            return error is null ? null : $"Stripe refused this secret key: {error.Message ?? error.Type}";
        }
        catch (StripeUnavailableException e)
        {
            return e.Message.Contains("401", StringComparison.Ordinal) || e.Message.Contains("403", StringComparison.Ordinal)
                ? "Stripe refused this secret key: check that you copied the whole key and that it has not been rolled."
                : "Numi could not reach Stripe to check this key. Try again in a moment.";
        }
    }
}
