namespace Numi.Core.Funnels;

/// <summary>What an offer a step points at looks like now.</summary>
public enum OfferState { Missing, Draft, Published, Archived }

/// <summary>A reason a funnel cannot be published. <see cref="StepKey"/> is null for a rule about the whole funnel.</summary>
public sealed record FunnelRuleViolation(string? StepKey, string Code, string Message);

/// <summary>The shape a funnel must have before shoppers may walk it: a path from the first step through a checkout to
/// at most one thank-you at the end, every sale bound to a published offer.</summary>
public static class FunnelRules
{
    public static IReadOnlyList<FunnelRuleViolation> Check(IReadOnlyList<IFunnelStepShape> steps, Func<Guid, OfferState> offers)
    {
        var found = new List<FunnelRuleViolation>();
        if (steps.Count == 0)
        {
            found.Add(new(null, "steps_missing", "Add at least one step."));
            return found;
        }
        var firstCheckout = IndexOf(steps, s => s.Type == FunnelStepType.Checkout);
        if (firstCheckout < 0) found.Add(new(null, "checkout_missing", "The funnel needs a checkout step."));
        var thankYous = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var afterCheckout = firstCheckout >= 0 && i > firstCheckout;
            switch (step.Type)
            {
                case FunnelStepType.ThankYou:
                    if (++thankYous > 1) found.Add(At(step, "thank_you_twice", $"A funnel has one thank-you step; remove '{step.Name}'."));
                    else if (i != steps.Count - 1) found.Add(At(step, "thank_you_not_last", $"The thank-you step '{step.Name}' must be the last step."));
                    if (firstCheckout >= 0 && !afterCheckout)
                        found.Add(At(step, "thank_you_before_checkout", $"The thank-you step '{step.Name}' must come after a checkout."));
                    break;
                case FunnelStepType.Upsell or FunnelStepType.Downsell when !afterCheckout:
                    found.Add(At(step, "sale_before_checkout", $"The {Word(step.Type)} '{step.Name}' must come after a checkout step."));
                    break;
                case FunnelStepType.ProductSelection when firstCheckout >= 0 && !steps.Skip(i + 1).Any(s => s.Type == FunnelStepType.Checkout):
                    found.Add(At(step, "selection_after_checkout", $"The product selection '{step.Name}' must come before the checkout step."));
                    break;
            }
            if (step.Type == FunnelStepType.Downsell && i > 0 && steps[i - 1].Type is not (FunnelStepType.Upsell or FunnelStepType.Downsell))
                found.Add(At(step, "downsell_without_upsell", $"The downsell '{step.Name}' must come directly after an upsell (or another downsell)."));
            CheckOffers(step, offers, found);
            CheckWeights(step, found);
        }
        return found;
    }

    private static void CheckOffers(IFunnelStepShape step, Func<Guid, OfferState> offers, List<FunnelRuleViolation> found)
    {
        if (step.Type.SellsOneOffer())
        {
            if (step.OfferId is { } offer) CheckOffer(step, offer, offers, found);
            else found.Add(At(step, "offer_required", $"Choose the offer the step '{step.Name}' sells."));
        }
        if (step.Type == FunnelStepType.ProductSelection)
        {
            if (step.OfferIds.Count == 0) found.Add(At(step, "offers_required", $"Choose the offers the step '{step.Name}' lets shoppers pick from."));
            foreach (var offer in step.OfferIds) CheckOffer(step, offer, offers, found);
        }
        foreach (var variant in step.Variants)
            if (variant.OfferId is { } offer) CheckOffer(step, offer, offers, found, $" (variant '{variant.Name}')");
    }

    private static void CheckOffer(IFunnelStepShape step, Guid offer, Func<Guid, OfferState> offers, List<FunnelRuleViolation> found, string where = "")
    {
        var violation = offers(offer) switch
        {
            OfferState.Missing => At(step, "offer_missing", $"The offer on step '{step.Name}'{where} was deleted."),
            OfferState.Draft => At(step, "offer_not_published", $"The offer on step '{step.Name}'{where} is a draft: publish it first."),
            OfferState.Archived => At(step, "offer_not_published", $"The offer on step '{step.Name}'{where} is archived."),
            _ => null,
        };
        if (violation is not null) found.Add(violation);
    }

    private static void CheckWeights(IFunnelStepShape step, List<FunnelRuleViolation> found)
    {
        if (step.Variants.Count == 0) return;
        var keys = step.Variants.Select(v => v.Key).Append(StepVariant.ControlKey).ToList();
        var weightsValid = step.ControlWeight is >= 0 and <= StepVariant.MaxWeight
            && step.Variants.All(v => v.Weight is >= 1 and <= StepVariant.MaxWeight);
        if (!weightsValid || keys.Distinct(StringComparer.Ordinal).Count() != keys.Count || step.Variants.Count > StepVariant.MaxPerStep)
            found.Add(At(step, "variants_invalid",
                $"The variants of step '{step.Name}' need their own keys and weights from 1 to {StepVariant.MaxWeight} (the control's from 0)."));
    }

    private static FunnelRuleViolation At(IFunnelStepShape step, string code, string message) => new(step.Key, code, message);

    private static string Word(FunnelStepType type) => type == FunnelStepType.Upsell ? "upsell" : "downsell";

    private static int IndexOf(IReadOnlyList<IFunnelStepShape> steps, Func<IFunnelStepShape, bool> match)
    {
        for (var i = 0; i < steps.Count; i++)
            if (match(steps[i])) return i;
        return -1;
    }
}
