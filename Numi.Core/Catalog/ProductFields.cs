using System.Text.RegularExpressions;
using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>What a merchant fills in for a product, on the page or through the API.</summary>
public sealed record ProductFields(
    string? Name,
    string? Description = null,
    ProductType? Type = null,
    string? LookupKey = null,
    string? GatewayProvider = null,
    string? GatewayProductId = null);

public sealed partial class ProductFieldsValidator : AbstractValidator<ProductFields>
{
    public static readonly string[] GatewayProviders = ["stripe"];

    public ProductFieldsValidator()
    {
        RuleFor(f => f.Name).SingleLineText();
        RuleFor(f => f.Description).MultiLineText();
        RuleFor(f => f.LookupKey).SingleLineText();
        RuleFor(f => f.GatewayProvider).SingleLineText();
        RuleFor(f => f.GatewayProductId).SingleLineText();
        RuleFor(f => f.Name).NotEmpty().WithMessage("Give the product a name.")
            .MaximumLength(200).WithMessage("The name must have at most 200 characters.");
        RuleFor(f => f.Description).MaximumLength(2000).WithMessage("The description must have at most 2000 characters.");
        RuleFor(f => f.Type).IsInEnum().WithMessage("The type must be standard, subscription or credits.");
        RuleFor(f => f.LookupKey).Must(k => string.IsNullOrWhiteSpace(k) || LookupKeyPattern().IsMatch(k.Trim()))
            .WithMessage("A lookup key has up to 200 letters, digits, '_', '-' or '.', e.g. coffee_bag_1kg.");
        RuleFor(f => f.GatewayProvider).Must(p => string.IsNullOrWhiteSpace(p) || GatewayProviders.Contains(p.Trim()))
            .WithMessage("The gateway provider must be 'stripe'.");
        RuleFor(f => f.GatewayProductId).NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.GatewayProvider))
            .WithMessage("Give the product's id at the gateway, e.g. prod_ABC123.")
            .MaximumLength(200).WithMessage("The gateway product id must have at most 200 characters.");
        RuleFor(f => f.GatewayProvider).NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.GatewayProductId))
            .WithMessage("Name the gateway the product id belongs to.");
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,200}$")]
    private static partial Regex LookupKeyPattern();
}
