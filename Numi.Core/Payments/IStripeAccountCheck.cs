namespace Numi.Core.Payments;

/// <summary>Asks Stripe whether it accepts a secret key before Numi saves it.</summary>
public interface IStripeAccountCheck
{
    /// <summary>Null when Stripe accepts the key; otherwise a sentence for the merchant saying why not.</summary>
    Task<string?> ProblemAsync(string secretKey, CancellationToken ct);
}
