using Numi.Core.Common;

namespace Numi.Core.Funnels.Events;

/// <summary>Turns what a page or the browser posted into an <see cref="AcceptedFunnelEvent"/>, or refuses it with the
/// reason (for logs and tests; the shopper is never shown it: a refused analytics event must not break a page).</summary>
public static class FunnelEventValidation
{
    /// <summary>Step and variant keys longer than this are refused: keys are short slugs the merchant app creates.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Far above any real order (ten billion in major units of a two-decimal currency), far below overflow
    /// when a report sums millions of them.</summary>
    public const long MaxAmountMinor = 999_999_999_999;

    public static Result<AcceptedFunnelEvent> Validate(FunnelEventInput input, FunnelEventContext context, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        if (occurredAt.Kind != DateTimeKind.Utc) throw new ArgumentException("Events are stamped in UTC.", nameof(occurredAt));

        var kind = FunnelEventKinds.Find(input.Kind);
        if (kind is null)
            return Error.Invalid("kind", $"Unknown event kind; use one of {string.Join(", ", FunnelEventKinds.All)}.");
        if (KeyProblem(input.StepKey, "step_key") is { } stepProblem) return stepProblem;
        if (!context.StepKeys.Contains(input.StepKey!))
            return Error.Invalid("step_key", "That step is not part of this funnel.");
        if (input.VariantKey is not null)
        {
            if (KeyProblem(input.VariantKey, "variant_key") is { } variantProblem) return variantProblem;
            if (context.VariantKeys is { } variants && !variants.Contains(input.VariantKey))
                return Error.Invalid("variant_key", "That variant is not part of this funnel.");
        }

        string? currency = null;
        if (input.AmountMinor is not null || input.Currency is not null)
        {
            if (input.AmountMinor is null) return Error.Missing("amount_minor", "A currency needs an amount.");
            if (input.Currency is null) return Error.Missing("currency", "An amount needs a currency.");
            if (input.AmountMinor < 0) return Error.Invalid("amount_minor", "The amount cannot be negative.");
            if (input.AmountMinor > MaxAmountMinor) return Error.Invalid("amount_minor", $"The amount can be at most {MaxAmountMinor} in minor units.");
            if (input.Currency.Length != 3 || !input.Currency.All(char.IsAsciiLetter) || Contracts.Currency.Normalize(input.Currency) is not { } known)
                return Error.Invalid("currency", "The currency must be a three-letter ISO code Numi accepts.");
            currency = known;
        }

        return new AcceptedFunnelEvent(context.FunnelSessionId, context.FunnelId, context.FunnelVersionId, context.OrganizationId,
            input.StepKey!, input.VariantKey, kind, input.AmountMinor, currency, occurredAt);
    }

    private static Error? KeyProblem(string? key, string param)
    {
        if (string.IsNullOrEmpty(key)) return Error.Missing(param, "A key is required.");
        if (key.Length > MaxKeyLength) return Error.Invalid(param, $"Keys are at most {MaxKeyLength} characters.");
        if (!Validation.NoControlCharacters(key) || key.Trim().Length != key.Length)
            return Error.Invalid(param, "Keys have no control characters and no surrounding spaces.");
        return null;
    }
}
