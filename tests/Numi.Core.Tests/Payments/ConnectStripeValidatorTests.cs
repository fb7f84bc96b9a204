using Numi.Core.ApiKeys;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Tests.Payments;

public sealed class ConnectStripeValidatorTests
{
    private const string Secret = "sk_test_51AbCdEfGh12345678";
    private const string Publishable = "pk_test_51AbCdEfGh12345678";
    private const string Signing = "whsec_AbCdEfGh12345678";

    private static IReadOnlyList<Error> Check(string? secret, string? publishable, string? signing) =>
        new ConnectStripeValidator().Check(new ConnectStripe(secret, publishable, signing));

    [Theory]
    [InlineData("sk_test_51AbCdEfGh12345678", "pk_test_51AbCdEfGh12345678")]
    [InlineData("sk_live_51AbCdEfGh12345678", "pk_live_51AbCdEfGh12345678")]
    [InlineData("rk_test_51AbCdEfGh12345678", "pk_test_51AbCdEfGh12345678")]
    [InlineData(" rk_live_51AbCdEfGh12345678 ", "pk_live_51AbCdEfGh12345678 ")]
    public void Keys_of_one_mode_are_accepted(string secret, string publishable) => Assert.Empty(Check(secret, publishable, Signing));

    [Theory]
    [InlineData(null, "secret_key", "Enter your Stripe secret key.")]
    [InlineData("", "secret_key", "Enter your Stripe secret key.")]
    [InlineData("pk_test_51AbCdEfGh12345678", "secret_key", "A secret key starts with sk_test_")]
    [InlineData("sk_prod_51AbCdEfGh12345678", "secret_key", "A secret key starts with sk_test_")]
    [InlineData("sk_test_short", "secret_key", "A secret key starts with sk_test_")]
    public void A_missing_or_malformed_secret_key_is_named(string? secret, string param, string message)
    {
        var error = Assert.Single(Check(secret, Publishable, Signing));
        Assert.Equal(param, error.Param);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Keys_of_different_modes_are_refused_on_the_publishable_key()
    {
        var error = Assert.Single(Check("sk_live_51AbCdEfGh12345678", Publishable, Signing));

        Assert.Equal("publishable_key", error.Param);
        Assert.Equal("This publishable key is a test key but the secret key is a live key: use the pair from the same mode.", error.Message);
    }

    [Theory]
    [InlineData(null, "Enter your Stripe publishable key.")]
    [InlineData("sk_test_51AbCdEfGh12345678", "A publishable key starts with pk_test_ or pk_live_.")]
    public void A_missing_or_malformed_publishable_key_is_named(string? publishable, string message)
    {
        var error = Assert.Single(Check(Secret, publishable, Signing));
        Assert.Equal(("publishable_key", message), (error.Param, error.Message));
    }

    [Theory]
    [InlineData("", "Enter the webhook signing secret (whsec_…) of your Stripe endpoint.")]
    [InlineData("sk_test_51AbCdEfGh12345678", "A webhook signing secret starts with whsec_")]
    [InlineData("whsec_AbCdEfGh12345678\nnot-a-secret", "A webhook signing secret starts with whsec_")]
    [InlineData("whsec_a1111111,whsec_a2222222,whsec_a3333333,whsec_a4444444,whsec_a5555555,whsec_a6666666", "Enter at most 5 signing secrets.")]
    public void Webhook_secrets_are_checked_one_by_one(string signing, string message)
    {
        var error = Assert.Single(Check(Secret, Publishable, signing));
        Assert.Equal("webhook_secrets", error.Param);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Several_signing_secrets_one_per_line_or_by_commas_are_kept_once_each()
    {
        var keys = ConnectStripeValidator.Keys(new ConnectStripe(Secret, Publishable, "whsec_first1234\r\nwhsec_second5678, whsec_first1234"));

        Assert.Equal(["whsec_first1234", "whsec_second5678"], keys.WebhookSecrets);
        Assert.Equal(ApiKeyMode.Test, keys.Mode);
    }

    [Theory]
    [InlineData("sk_test_51AbCdEfGhabcd", "sk_test_…abcd")]
    [InlineData("rk_live_51AbCdEfGh9876", "rk_live_…9876")]
    [InlineData("whsec_AbCdEfGhwxyz", "whsec_…wxyz")]
    public void Hints_show_the_prefix_and_last_four_only(string secret, string hint) => Assert.Equal(hint, StripeConnection.Hint(secret));

    [Fact]
    public void Commands_and_keys_do_not_print_their_secrets()
    {
        Assert.DoesNotContain(Secret, new ConnectStripe(Secret, Publishable, Signing).ToString());
        Assert.DoesNotContain(Secret, ConnectStripeValidator.Keys(new ConnectStripe(Secret, Publishable, Signing)).ToString());
    }
}
