using Numi.Infrastructure.Stripe.Webhooks;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>Webhook signatures checked by Stripe.net: the signing secrets tried in turn (rotation), 300 s of tolerance
/// either way, and anything malformed refused rather than thrown.</summary>
public sealed class StripeWebhookSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private const string Payload = """{"id":"evt_1","object":"event","type":"payment_intent.succeeded"}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static string Header(string secret, DateTimeOffset at) => StripeSignatureHeader.For(Payload, secret, at);

    [Fact]
    public void A_header_made_with_the_secret_is_valid() =>
        Assert.True(StripeWebhookSignature.IsValid(Payload, Header(Secret, Now), [Secret], Now));

    [Fact]
    public void Another_secret_is_refused() =>
        Assert.False(StripeWebhookSignature.IsValid(Payload, Header("whsec_other", Now), [Secret], Now));

    [Fact]
    public void A_changed_body_is_refused() =>
        Assert.False(StripeWebhookSignature.IsValid(Payload.Replace("evt_1", "evt_2"), Header(Secret, Now), [Secret], Now));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_outside_five_minutes_is_refused(int seconds) =>
        Assert.False(StripeWebhookSignature.IsValid(Payload, Header(Secret, Now.AddSeconds(seconds)), [Secret], Now));

    [Theory]
    [InlineData(-300)]
    [InlineData(299)]
    public void A_timestamp_within_five_minutes_is_accepted(int seconds) =>
        Assert.True(StripeWebhookSignature.IsValid(Payload, Header(Secret, Now.AddSeconds(seconds)), [Secret], Now));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void During_rotation_each_saved_secret_verifies_whatever_its_place(int place)
    {
        string?[] secrets = ["whsec_older", "whsec_current", "whsec_newest"];

        Assert.True(StripeWebhookSignature.IsValid(Payload, Header(secrets[place]!, Now), secrets, Now));
        Assert.False(StripeWebhookSignature.IsValid(Payload, Header(secrets[place]!, Now), secrets.Where((_, i) => i != place), Now));
    }

    [Fact]
    public void A_stale_header_is_refused_under_every_secret_even_the_right_one() =>
        Assert.False(StripeWebhookSignature.IsValid(Payload, Header("whsec_new", Now.AddMinutes(-10)), [Secret, "whsec_new"], Now));

    [Fact]
    public void One_matching_signature_among_several_is_enough()
    {
        var withStale = Header(Secret, Now).Replace(",v1=", $",v1={new string('0', 64)},v1=");
        Assert.True(StripeWebhookSignature.IsValid(Payload, withStale, [Secret], Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=abc,v1=00")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795320000")]
    [InlineData("t=1795320000,v0=deadbeef")]
    [InlineData("garbage")]
    [InlineData("t=99999999999999999999,v1=00")]
    public void A_missing_or_malformed_header_is_refused(string? header) =>
        Assert.False(StripeWebhookSignature.IsValid(Payload, header, [Secret], Now));

    [Fact]
    public void An_empty_or_missing_secret_never_verifies() =>
        Assert.False(StripeWebhookSignature.IsValid(Payload, Header("", Now), ["", null], Now));
}
