using Numi.Core.Common;
using Numi.Core.Dunning;

namespace Numi.Core.Tests.Dunning;

public sealed class DunningCampaignTests
{
    private static readonly DunningCampaignValidator Validator = new();

    private static DunningCampaign WithEmail(string subject, string body) => new([new DunningStep(1, new DunningTemplate(subject, body))]);

    [Theory]
    [InlineData(DunningPreset.Standard, new[] { 1, 3, 7, 14 })]
    [InlineData(DunningPreset.Aggressive, new[] { 1, 2, 4, 7 })]
    [InlineData(DunningPreset.Gentle, new[] { 3, 7, 14, 30 })]
    public void Presets_send_on_their_days_and_pass_validation(DunningPreset preset, int[] days)
    {
        var campaign = DunningCampaign.From(preset);

        Assert.Equal(days, campaign.Steps.Select(s => s.Day));
        Assert.Empty(Validator.Check(campaign));
        Assert.StartsWith("Last notice", campaign.Steps[^1].Email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preview_fills_every_placeholder_with_sample_values()
    {
        var preview = DunningCampaign.From(DunningPreset.Standard).Steps[0].Email.Preview();

        Assert.Equal("Your payment for Pro plan didn't go through", preview.Subject);
        Assert.StartsWith("Hi Jane Doe,\n\nWe couldn't take your payment of $29.00 for Pro plan. We'll try again on Fri 15 Jan 09:00 (America/Chicago);", preview.Body, StringComparison.Ordinal);
        Assert.Contains("Invoice INV-000123. About the next attempt: Fri 15 Jan 09:00 America/Chicago: 4 of the last 5 payments", preview.Body, StringComparison.Ordinal);
        Assert.Contains("https://pay.example.com/update-card", preview.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", preview.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_may_have_spaces_and_values_are_never_read_again()
    {
        var values = new Dictionary<string, string> { ["customer_name"] = "{{amount}}", ["amount"] = "$5.00" };

        Assert.Equal("Dear {{amount}}, you owe $5.00.", TemplateText.Render("Dear {{ customer_name }}, you owe {{amount}}.", values));
    }

    [Fact]
    public void A_placeholder_without_a_value_is_left_as_written()
    {
        Assert.Equal("Hi {{customer_name}} at {{nope}}", TemplateText.Render("Hi {{customer_name}} at {{nope}}", new Dictionary<string, string>()));
        Assert.Equal("Text { and } and {{ left open", TemplateText.Render("Text { and } and {{ left open", TemplateText.SampleValues));
    }

    [Fact]
    public void An_unknown_placeholder_is_refused_naming_the_known_ones()
    {
        var error = Assert.Single(Validator.Check(WithEmail("Payment for {{prodcut_name}}", "Fix it: {{update_card_url}}")));

        Assert.Equal("steps[0].email.subject", error.Param);
        Assert.Equal("{{prodcut_name}} is not a placeholder Numi knows; use {{customer_name}}, {{merchant_name}}, {{product_name}}, "
            + "{{amount}}, {{update_card_url}}, {{next_retry_date}}, {{invoice_number}}, {{retry_reason}}.", error.Message);
    }

    [Fact]
    public void An_unclosed_placeholder_is_refused_with_its_position()
    {
        var error = Assert.Single(Validator.Check(WithEmail("Payment failed", "Fix it: {{update_card_url}} {{amount")));

        Assert.Equal("steps[0].email.body", error.Param);
        Assert.Equal("The placeholder opened with {{ at character 29 is never closed with }}.", error.Message);
    }

    [Fact]
    public void A_body_without_the_update_link_is_refused()
    {
        var error = Assert.Single(Validator.Check(WithEmail("Payment failed", "Please pay {{amount}}.")));

        Assert.Equal("steps[0].email.body", error.Param);
        Assert.Equal("Put {{update_card_url}} in the text: it is how the customer fixes the payment.", error.Message);
    }

    [Fact]
    public void Days_must_go_up_and_stay_within_the_limit()
    {
        var email = DunningCampaign.From(DunningPreset.Standard).Steps[0].Email;

        Assert.Equal("steps", Assert.Single(Validator.Check(new DunningCampaign([new(3, email), new(3, email)]))).Param);
        Assert.Equal("steps[1].day", Assert.Single(Validator.Check(new DunningCampaign([new(3, email), new(61, email)]))).Param);
        Assert.Equal(ErrorCodes.ParameterMissing, Assert.Single(Validator.Check(new DunningCampaign([]))).Code);
        Assert.Equal("steps", Assert.Single(Validator.Check(new DunningCampaign(null!))).Param);
    }

    [Fact]
    public void A_null_step_is_refused_on_its_index_and_the_order_check_skips_it()
    {
        var email = DunningCampaign.From(DunningPreset.Standard).Steps[0].Email;

        var errors = Validator.Check(new DunningCampaign([null!, new(3, email), null!]));

        Assert.Equal(["steps[0]", "steps[2]"], errors.Select(e => e.Param));
    }

    [Fact]
    public void A_subject_is_one_line()
    {
        var errors = Validator.Check(WithEmail("Payment\nfailed", "{{update_card_url}}"));

        Assert.Contains(errors, e => e.Param == "steps[0].email.subject" && e.Message.Contains("control characters", StringComparison.Ordinal));
    }
}
