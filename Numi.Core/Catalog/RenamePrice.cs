using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>A new nickname for a price: the one thing about a price that changes in place.</summary>
public sealed record RenamePrice(string? Nickname);

public sealed class RenamePriceValidator : AbstractValidator<RenamePrice>
{
    public RenamePriceValidator() => RuleFor(c => c.Nickname).PriceNickname();
}

internal static class PriceNicknameRules
{
    public static IRuleBuilderOptions<T, string?> PriceNickname<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(100).WithMessage("The nickname must have at most 100 characters.").SingleLineText();
}
