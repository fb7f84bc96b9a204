using Bunit;
using Numi.Core.Offers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer editor's design tab: the preview follows what is typed and picked without saving it, a colour
/// that is not hex is refused under its field with nothing saved, and a save applies.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferEditorDesignTests(NumiFactory factory) : OfferEditorContext(factory)
{
    private string Preview(string testId) => Editor.Find($"[data-testid=offer-preview] [data-testid={testId}]").TextContent.Trim();

    private string Theme() => Editor.Find("[data-testid=preview-theme]").GetAttribute("href")!;

    [Fact]
    public async Task The_preview_follows_each_keystroke_and_colour_without_saving()
    {
        var (_, offer) = await OpenOfferAsync("design", "club-preview", bumps: 1);
        Assert.Equal("Coffee Club", Preview("preview-headline"));
        Assert.Contains("Add Slot 0 for $10.00", Preview("preview-bump"));

        Editor.Find("#design-headline").Input("Fresh beans every month");
        Editor.Find("#design-bullets").Input("Roasted to order\nFree shipping");
        Editor.Find("#design-button").Input("Join the club");
        Editor.Find("#design-guarantee").Input("30-day money-back guarantee");
        Editor.Find("#design-brand").Input("#123456");
        Select("Font", "serif");

        Assert.Equal("Fresh beans every month", Preview("preview-headline"));
        Assert.Equal(["Roasted to order", "Free shipping"], Editor.FindAll("[data-testid=preview-bullets] li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Join the club", Preview("preview-pay"));
        Assert.Equal("30-day money-back guarantee", Preview("preview-guarantee"));
        Editor.WaitForAssertion(() => Assert.Contains("font=serif", Theme()));
        Assert.Contains("brand=%23123456", Theme());

        // A colour that is not valid yet previews the saved one.
        Editor.Find("#design-brand").Input("#12");
        Assert.Contains($"brand={Uri.EscapeDataString(OfferDesign.Default.BrandColor)}", Theme());

        var stored = (await StoredAsync(offer.Id)).Design;
        Assert.Null(stored.Headline);
        Assert.Equal(OfferDesign.Default, stored with { Bullets = OfferDesign.Default.Bullets });
        Assert.Empty(stored.Bullets);
    }

    [Fact]
    public async Task A_colour_that_is_not_hex_is_refused_under_it_and_nothing_is_saved_then_a_save_applies()
    {
        var (_, offer) = await OpenOfferAsync("design", "club-design");

        Editor.Find("#design-brand").Input("red");
        Editor.Find("#design-headline").Input("Not saved");
        Editor.Find("#design-logo").Input("http://example.com/logo.png");
        await Editor.Find("[data-testid=design-form]").SubmitAsync();

        Editor.WaitForAssertion(() => Assert.Equal("Use a colour like #1f2937.", MessageUnder("design-brand")));
        Assert.Equal("The logo must be an https:// address or a path on this site starting with /.", MessageUnder("design-logo"));
        Assert.Null(MessageUnder("design-headline"));
        Assert.Null((await StoredAsync(offer.Id)).Design.Headline);

        Editor.Find("#design-brand").Input("#aa3300");
        Editor.Find("#design-logo").Input("");
        Editor.Find("#design-headline").Input("Saved headline");
        await Editor.Find("[data-testid=design-form]").SubmitAsync();

        WaitForSnackbar("Design saved.");
        Assert.Null(MessageUnder("design-brand"));
        var stored = (await StoredAsync(offer.Id)).Design;
        Assert.Equal(("Saved headline", "#aa3300", (string?)null), (stored.Headline, stored.BrandColor, stored.LogoUrl));
        Assert.Equal("Saved headline", Preview("preview-headline"));
    }
}
