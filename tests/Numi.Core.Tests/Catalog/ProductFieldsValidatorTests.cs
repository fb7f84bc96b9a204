using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Tests.Validation;

namespace Numi.Core.Tests.Catalog;

public sealed class ProductFieldsValidatorTests
{
    private static readonly ProductFieldsValidator Validator = new();

    [Fact]
    public void A_complete_product_is_valid()
    {
        Assert.Empty(Validator.Check(new ProductFields("Coffee bag", "1 kg of beans", ProductType.Standard, "coffee_bag_1kg", "stripe", "prod_ABC123")));
        Assert.Empty(Validator.Check(new ProductFields("Coffee bag", LookupKey: " coffee-bag.v2 ")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_product_without_a_name_is_missing_it(string? name)
    {
        var errors = Validator.Check(new ProductFields(name));
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "name");
        Assert.Single(errors);
    }

    [Fact]
    public void A_name_longer_than_200_characters_is_invalid()
    {
        ErrorAssert.Has(Validator.Check(new ProductFields(new string('a', 201))), ErrorCodes.ParameterInvalid, "name");
        Assert.Empty(Validator.Check(new ProductFields(new string('a', 200))));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("café")]
    [InlineData("a/b")]
    public void A_lookup_key_with_other_characters_is_invalid(string key)
    {
        var errors = Validator.Check(new ProductFields("Coffee", LookupKey: key));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "lookup_key");
        Assert.Single(errors);
    }

    [Fact]
    public void A_gateway_product_id_without_provider_is_missing_the_provider()
    {
        var errors = Validator.Check(new ProductFields("Coffee", GatewayProductId: "prod_ABC123"));
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "gateway_provider");
        Assert.Single(errors);
    }

    [Fact]
    public void A_gateway_provider_without_product_id_is_missing_the_id()
    {
        var errors = Validator.Check(new ProductFields("Coffee", GatewayProvider: "stripe"));
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "gateway_product_id");
        Assert.Single(errors);
    }

    [Fact]
    public void An_unknown_gateway_provider_is_invalid()
    {
        ErrorAssert.Has(Validator.Check(new ProductFields("Coffee", GatewayProvider: "paypal", GatewayProductId: "X")),
            ErrorCodes.ParameterInvalid, "gateway_provider");
    }
}
