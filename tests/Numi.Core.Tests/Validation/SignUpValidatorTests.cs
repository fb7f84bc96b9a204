using Numi.Core.Accounts;
using Numi.Core.Common;

namespace Numi.Core.Tests.Validation;

public sealed class SignUpValidatorTests
{
    private static readonly SignUpValidator Validator = new();

    private static SignUp Valid() => new("Bean & Leaf", "bean-leaf", "usd", "Europe/Paris", "Ada Lovelace", "ada@example.com", "Secret-123");

    [Fact]
    public void A_complete_sign_up_is_valid()
    {
        Assert.Empty(Validator.Check(Valid()));
    }

    [Fact]
    public void Missing_fields_are_parameter_missing_with_snake_case_names()
    {
        var errors = Validator.Check(new SignUp("", "", "", "", "", "", ""));
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "name");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "slug");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "default_currency");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "time_zone");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "display_name");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "email");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "password");
    }

    [Fact]
    public void An_unknown_currency_is_parameter_invalid()
    {
        var errors = Validator.Check(Valid() with { DefaultCurrency = "xyz" });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "default_currency");
        Assert.Single(errors);
    }

    [Fact]
    public void An_unknown_time_zone_is_parameter_invalid()
    {
        var errors = Validator.Check(Valid() with { TimeZone = "Mars/Olympus_Mons" });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "time_zone");
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("Bean-Leaf")]
    [InlineData("ab")]
    public void A_bad_slug_is_parameter_invalid(string slug)
    {
        var errors = Validator.Check(Valid() with { Slug = slug });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "slug");
    }

    [Fact]
    public void A_malformed_email_is_parameter_invalid()
    {
        var errors = Validator.Check(Valid() with { Email = "not-an-email" });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "email");
    }

    [Fact]
    public void Too_long_names_are_parameter_invalid()
    {
        var errors = Validator.Check(Valid() with { Name = new string('n', 101), DisplayName = new string('d', 101) });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "name");
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "display_name");
    }
}
