using Numi.Core.Common;

namespace Numi.Core.Discounts;

/// <summary>The messages a shopper sees for a code that cannot be used, each with its own machine code and the
/// <c>discount_code</c> parameter, so the checkout shows them under the field and the API reports them.</summary>
public static class DiscountErrors
{
    public const string Param = "discount_code";

    public const string UnknownCode = "discount_code_unknown";
    public const string NotYetValidCode = "discount_code_not_yet_valid";
    public const string ExpiredCode = "discount_code_expired";
    public const string UsedUpCode = "discount_code_used_up";
    public const string AlreadyUsedCode = "discount_code_already_used";
    public const string NotApplicableCode = "discount_code_not_applicable";

    /// <summary>Echoes what the shopper typed, cut to a code's longest length.</summary>
    public static Error Unknown(string code) =>
        new(UnknownCode, $"“{(code.Length > 40 ? code[..40] + "…" : code)}” is not a valid discount code.", Param);
    public static Error NotYetValid(string code) => new(NotYetValidCode, $"The code {code} cannot be used yet.", Param);
    public static Error Expired(string code) => new(ExpiredCode, $"The code {code} has expired.", Param);
    public static Error UsedUp(string code) => new(UsedUpCode, $"The code {code} has been used up.", Param);
    public static Error AlreadyUsed(string code) => new(AlreadyUsedCode, $"You have already used the code {code}; it can be used once per customer.", Param);
    public static Error NotApplicable(string code, string why) => new(NotApplicableCode, $"The code {code} does not apply to this order: {why}.", Param);
}
