using Numi.Core.Dunning;

namespace Numi.Core.Tests.Dunning;

public sealed class DeclineCodesTests
{
    [Theory]
    [InlineData("stolen_card")]
    [InlineData("lost_card")]
    [InlineData("expired_card")]
    [InlineData("incorrect_number")]
    [InlineData("pickup_card")]
    [InlineData("fraudulent")]
    [InlineData("authentication_required")]
    [InlineData("Expired_Card ")]
    public void Card_problems_are_hard(string code) => Assert.Equal(DeclineKind.Hard, DeclineCodes.Classify(code).Kind);

    [Theory]
    [InlineData("insufficient_funds", SoftReason.Funds)]
    [InlineData("card_velocity_exceeded", SoftReason.Funds)]
    [InlineData("processing_error", SoftReason.Technical)]
    [InlineData("issuer_not_available", SoftReason.Technical)]
    [InlineData("try_again_later", SoftReason.Technical)]
    [InlineData("generic_decline", SoftReason.Issuer)]
    [InlineData("do_not_honor", SoftReason.Issuer)]
    public void Money_faults_and_unexplained_declines_are_soft(string code, SoftReason reason)
    {
        var decline = DeclineCodes.Classify(code);

        Assert.Equal(DeclineKind.Soft, decline.Kind);
        Assert.Equal(reason, decline.Reason);
    }

    [Theory]
    [InlineData(1, DeclineKind.Soft)]
    [InlineData(DeclineCodes.DoNotHonorHardAfter, DeclineKind.Hard)]
    [InlineData(5, DeclineKind.Hard)]
    public void Do_not_honor_turns_hard_after_repeated_answers(int declines, DeclineKind kind) =>
        Assert.Equal(kind, DeclineCodes.Classify("do_not_honor", declines).Kind);

    [Fact]
    public void Only_do_not_honor_turns_hard_with_repetition() =>
        Assert.Equal(DeclineKind.Soft, DeclineCodes.Classify("insufficient_funds", 8).Kind);

    [Theory]
    [InlineData(null, "generic_decline", "an unexplained decline is a soft decline")]
    [InlineData("  ", "generic_decline", "an unexplained decline is a soft decline")]
    [InlineData("brand_new_code", "brand_new_code", "an unexplained decline (brand_new_code) is a soft decline")]
    public void Missing_and_unknown_codes_are_unexplained_soft_declines(string? code, string normalized, string explanation)
    {
        var decline = DeclineCodes.Classify(code);

        Assert.Equal(normalized, decline.Code);
        Assert.Equal(explanation, decline.Explanation);
    }

    [Fact]
    public void Every_known_code_is_snake_case_and_described()
    {
        Assert.All(DeclineCodes.All, code =>
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", code);
            Assert.False(string.IsNullOrWhiteSpace(DeclineCodes.Classify(code).Description));
        });
        Assert.True(DeclineCodes.All.Count() >= 40);
    }
}
