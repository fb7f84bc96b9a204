using Numi.Core.Payments;

namespace Numi.Infrastructure.Stripe;

/// <summary>Checks a secret key the way Stripe sees it: by reading the account's balance with it.</summary>
public sealed class StripeAccountCheck(StripeClientFactory clients) : IStripeAccountCheck
{
    public async Task<string?> ProblemAsync(string secretKey, CancellationToken ct)
    {
        try
        {
            var answer = await new StripeApi(clients.Create(secretKey)).CheckKeyAsync(ct);
            return answer switch
            {
                { Error: null } => null,
                { Status: 401 or 403 } => $"Stripe refused this secret key: {answer.Error.Message ?? "check that you copied the whole key and that it has not been rolled."}",
                _ => $"Stripe could not check this key right now (it answered {answer.Status}). Try again in a moment.",
            };
        }
        catch (StripeUnavailableException)
        {
            return "Numi could not reach Stripe to check this key. Try again in a moment.";
        }
    }
}
