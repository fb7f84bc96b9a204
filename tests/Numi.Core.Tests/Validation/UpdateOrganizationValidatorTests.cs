using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Tests.Validation;

public sealed class UpdateOrganizationValidatorTests
{
    private static readonly UpdateOrganizationValidator Validator = new();

    [Fact]
    public void Leaving_everything_unchanged_is_valid()
    {
        Assert.Empty(Validator.Check(new UpdateOrganization(null, null, null)));
    }

    [Fact]
    public void Known_values_are_valid()
    {
        Assert.Empty(Validator.Check(new UpdateOrganization("New name", "EUR", "America/New_York")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_parameter_invalid(string name)
    {
        var errors = Validator.Check(new UpdateOrganization(name, null, null));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "name");
    }

    [Fact]
    public void An_unknown_currency_is_parameter_invalid()
    {
        var errors = Validator.Check(new UpdateOrganization(null, "zzz", null));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "default_currency");
        ErrorAssert.None(errors, "time_zone");
    }

    [Fact]
    public void An_unknown_time_zone_is_parameter_invalid()
    {
        var errors = Validator.Check(new UpdateOrganization(null, null, "Nowhere/Town"));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "time_zone");
        ErrorAssert.None(errors, "default_currency");
    }
}
