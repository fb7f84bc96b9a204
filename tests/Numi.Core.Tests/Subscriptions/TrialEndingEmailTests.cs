using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

public sealed class TrialEndingEmailTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Fact]
    public void The_first_charge_is_named_with_its_amount_and_its_day_in_the_merchants_zone()
    {
        // 03:00 UTC on 1 January is still 31 December in Chicago.
        var email = TrialEndingEmail.For("ann@example.com", "Tom & Jerry", "Coffee club", 1_999, "usd",
            new DateTime(2027, 1, 1, 3, 0, 0, DateTimeKind.Utc), Chicago, "https://numi.test/portal/tom");

        Assert.Equal("ann@example.com", email.To);
        Assert.Equal("Your Tom & Jerry trial ends on Thursday 31 December 2026", email.Subject);
        Assert.Contains("charged $19.99", email.TextBody);
        Assert.Contains("https://numi.test/portal/tom", email.TextBody);
        Assert.Contains("with Tom &amp; Jerry ends on Thursday 31 December 2026", email.HtmlBody);
        Assert.Contains("<a href=\"https://numi.test/portal/tom\">", email.HtmlBody);
    }

    [Fact]
    public void A_zero_decimal_currency_is_not_divided()
    {
        var email = TrialEndingEmail.For("ann@example.com", "Kissa", "Tea club", 1_200, "jpy",
            new DateTime(2027, 3, 10, 0, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc, "https://numi.test/portal/kissa");

        Assert.Contains("charged ¥1,200", email.TextBody);
    }
}
