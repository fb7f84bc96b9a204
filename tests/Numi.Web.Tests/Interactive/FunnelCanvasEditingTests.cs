using Bunit;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;

namespace Numi.Web.Tests.Interactive;

/// <summary>The canvas's block fields a row edits beyond the words (a countdown's end, a testimonial's author), a step
/// whose offer was deleted, and a rollback from the toolbar.</summary>
public sealed class FunnelCanvasEditingTests : FunnelCanvasContext
{
    private static readonly DateTimeOffset Ends = new(2030, 6, 1, 18, 30, 0, TimeSpan.Zero);

    private IRenderedComponent<FunnelCanvas> OpenBlock(ContentBlockData block)
    {
        var funnel = FakeFunnelCanvasData.TwoSteps();
        var cut = Open(funnel with { Steps = [.. funnel.Steps.Select(s => s.Key == "landing" ? s with { Blocks = [block] } : s)] });
        cut.Find("[data-step=landing]").Click();
        cut.Find("[data-block='0'] [data-testid=edit-block]").Click();
        return cut;
    }

    private static string? ErrorUnder(IRenderedComponent<FunnelCanvas> cut, string field) =>
        cut.Find($"input[data-field={field}]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    [Fact]
    public void A_countdowns_end_shows_in_utc_and_a_new_one_is_saved_as_its_unix_time()
    {
        var cut = OpenBlock(new("countdown", Text: "Ends in", EndsAt: Ends.ToUnixTimeSeconds()));

        Assert.Equal("2030-06-01 18:30", cut.Find("input[data-field=ends_at]").GetAttribute("value"));
        cut.Find("input[data-field=ends_at]").Change("2031-01-31T09:15");

        var saved = Assert.Single(Assert.Single(Data.Changes).Update!.Blocks!);
        Assert.Equal((new DateTimeOffset(2031, 1, 31, 9, 15, 0, TimeSpan.Zero).ToUnixTimeSeconds(), "Ends in"), (saved.EndsAt, saved.Text));
    }

    [Theory]
    [InlineData("2001-01-01 10:00", "That moment has passed: a countdown ends in the future.")]
    [InlineData("next friday", "Write the end as a date and time in UTC, such as")]
    [InlineData("", "A countdown needs the moment it ends.")]
    [InlineData("2150-01-01 00:00", "Choose a moment before 2100-01-01.")]
    public void A_countdown_end_past_or_unreadable_is_refused_under_its_field_and_not_sent(string typed, string message)
    {
        var cut = OpenBlock(new("countdown", Text: "Ends in", EndsAt: Ends.ToUnixTimeSeconds()));

        cut.Find("input[data-field=ends_at]").Change(typed);

        cut.WaitForAssertion(() => Assert.StartsWith(message, ErrorUnder(cut, "ends_at")));
        Assert.Empty(Data.Changes);
        cut.Find("input[data-field=ends_at]").Change("2030-07-01 12:00");
        cut.WaitForAssertion(() => Assert.Null(ErrorUnder(cut, "ends_at")));
        Assert.Equal(new DateTimeOffset(2030, 7, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), Data.Changes.Single().Update!.Blocks![0].EndsAt);
    }

    [Fact]
    public void A_testimonials_author_is_edited_beside_its_quote_and_emptied_to_none()
    {
        var cut = OpenBlock(new("testimonial", Text: "It changed my mornings.", Author: "Ana"));

        Assert.Equal("Ana", cut.Find("input[data-field=author]").GetAttribute("value"));
        cut.Find("input[data-field=author]").Change(" Ana, Lisbon ");
        cut.Find("input[data-field=author]").Change("   ");

        Assert.Equal([("It changed my mornings.", "Ana, Lisbon"), ("It changed my mornings.", null)],
            Data.Changes.Select(c => (c.Update!.Blocks![0].Text, c.Update.Blocks[0].Author)));
    }

    [Fact]
    public void A_step_whose_offer_was_deleted_is_red_with_the_reason_on_the_canvas_and_in_its_panel()
    {
        var gone = FakeFunnelCanvasData.Step("checkout", "checkout", 0,
            new FunnelViolationData("checkout", "offer_missing", "The offer on step 'checkout' was deleted.")) with { Offer = "offer_gone" };
        var cut = Open(FakeFunnelCanvasData.Empty() with { Steps = [gone] });

        var card = cut.Find("[data-step=checkout]");
        Assert.Equal("true", card.GetAttribute("data-invalid"));
        Assert.Contains("var(--mud-palette-error)", card.GetAttribute("style"));
        Assert.Equal("The offer on step 'checkout' was deleted.", card.QuerySelector("[data-testid=step-violation]")!.TextContent);
        Assert.True(cut.Find("[data-testid=canvas-publish]").HasAttribute("disabled"));

        card.Click();
        Assert.Contains("This offer was deleted; pick another.", cut.Find("[data-testid=step-panel]").TextContent);
    }

    [Fact]
    public void Rolling_back_from_the_toolbar_asks_first_and_publishes_that_version_from_the_revision_on_screen()
    {
        var cut = Open(FakeFunnelCanvasData.TwoSteps() with
        {
            Status = "published", PublishedVersion = "fnlv_2",
            Versions = [new("fnlv_2", 2, Ends.ToUnixTimeSeconds()), new("fnlv_1", 1, Ends.AddDays(-1).ToUnixTimeSeconds())],
        });
        cut.Find("[data-testid=funnel-versions] .mud-expand-panel-header").Click();
        var rollBack = Assert.Single(cut.FindAll("[data-testid=roll-back]"));
        Assert.Equal("1", rollBack.Closest("[data-version]")!.GetAttribute("data-version"));

        rollBack.Click();
        Confirm("Roll back to version 1?", "Cancel");
        Assert.Empty(Data.Changes);

        cut.Find("[data-testid=roll-back]").Click();
        Confirm("Roll back to version 1?", "Roll back");

        cut.WaitForAssertion(() => Assert.Single(Data.Changes));
        Assert.Equal((FunnelChangeKind.Rollback, 1, 3), (Data.Changes[0].Kind, Data.Changes[0].Version, Data.Changes[0].Revision));
    }
}
