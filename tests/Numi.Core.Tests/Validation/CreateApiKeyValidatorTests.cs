using Numi.Core.ApiKeys;
using Numi.Core.Common;

namespace Numi.Core.Tests.Validation;

public sealed class CreateApiKeyValidatorTests
{
    private static readonly CreateApiKeyValidator Validator = new();

    [Fact]
    public void A_named_test_key_is_valid()
    {
        Assert.Empty(Validator.Check(new CreateApiKey("Order sync", ApiKeyMode.Test, Guid.CreateVersion7())));
    }

    [Fact]
    public void A_missing_name_is_parameter_missing()
    {
        var errors = Validator.Check(new CreateApiKey("", ApiKeyMode.Live, Guid.CreateVersion7()));
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "name");
    }

    [Fact]
    public void A_name_over_80_characters_is_parameter_invalid()
    {
        var errors = Validator.Check(new CreateApiKey(new string('k', 81), ApiKeyMode.Test, Guid.CreateVersion7()));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "name");
    }

    [Fact]
    public void An_undefined_mode_is_parameter_invalid()
    {
        var errors = Validator.Check(new CreateApiKey("Sync", (ApiKeyMode)7, Guid.CreateVersion7()));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "mode");
    }
}
