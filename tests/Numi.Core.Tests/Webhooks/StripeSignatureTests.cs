using Numi.Core.Webhooks;

namespace Numi.Core.Tests.Webhooks;

public sealed class StripeSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private const string Payload = """{"id":"evt_1","type":"payment_intent.succeeded"}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_header_made_with_the_secret_is_valid() =>
        Assert.True(StripeSignature.IsValid(Payload, StripeSignature.Header(Payload, Secret, Now), [Secret], Now));

    [Fact]
    public void Another_secret_is_refused() =>
        Assert.False(StripeSignature.IsValid(Payload, StripeSignature.Header(Payload, "whsec_other", Now), [Secret], Now));

    [Fact]
    public void A_changed_body_is_refused() =>
        Assert.False(StripeSignature.IsValid(Payload.Replace("evt_1", "evt_2"), StripeSignature.Header(Payload, Secret, Now), [Secret], Now));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_outside_five_minutes_is_refused(int seconds) =>
        Assert.False(StripeSignature.IsValid(Payload, StripeSignature.Header(Payload, Secret, Now.AddSeconds(seconds)), [Secret], Now));

    [Theory]
    [InlineData(-300)]
    [InlineData(299)]
    public void A_timestamp_within_five_minutes_is_accepted(int seconds) =>
        Assert.True(StripeSignature.IsValid(Payload, StripeSignature.Header(Payload, Secret, Now.AddSeconds(seconds)), [Secret], Now));

    [Fact]
    public void During_rotation_either_secret_verifies() =>
        Assert.True(StripeSignature.IsValid(Payload, StripeSignature.Header(Payload, "whsec_new", Now), [Secret, "whsec_new"], Now));

    [Fact]
    public void One_matching_signature_among_several_is_enough()
    {
        var header = StripeSignature.Header(Payload, Secret, Now);
        var withStale = header.Replace(",v1=", $",v1={new string('0', 64)},v1=");
        Assert.True(StripeSignature.IsValid(Payload, withStale, [Secret], Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=abc,v1=00")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795320000")]
    [InlineData("t=1795320000,v0=deadbeef")]
    public void A_missing_or_malformed_header_is_refused(string? header) =>
        Assert.False(StripeSignature.IsValid(Payload, header, [Secret], Now));

    [Fact]
    public void An_empty_secret_never_verifies() =>
        Assert.False(StripeSignature.IsValid(Payload, StripeSignature.Header(Payload, "", Now), [""], Now));
}
