using Numi.Core.Common;
using Numi.Core.Funnels;

namespace Numi.Core.Tests.Funnels;

public sealed class ContentBlockTests
{
    private static IReadOnlyList<Error> Errors(params ContentBlock[] blocks) => new StepFieldsValidator().Check(new StepFields("Step", Blocks: blocks));

    [Fact]
    public void Valid_blocks_of_every_type_pass() => Assert.Empty(Errors(
        new ContentBlock(ContentBlockType.Headline, "Get fit"),
        new ContentBlock(ContentBlockType.Text, "Line one\nLine two"),
        new ContentBlock(ContentBlockType.Image, Url: "https://cdn.example.com/a.png"),
        new ContentBlock(ContentBlockType.Image, "Alt", Url: "/images/a.png"),
        new ContentBlock(ContentBlockType.Video, Url: "https://youtu.be/dQw4w9WgXcQ"),
        new ContentBlock(ContentBlockType.Bullets, Items: ["Fast", "Cheap"]),
        new ContentBlock(ContentBlockType.Testimonial, "Loved it", Author: "Ann"),
        new ContentBlock(ContentBlockType.Countdown, EndsAt: new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        new ContentBlock(ContentBlockType.CallToAction, Label: "Buy now")));

    [Theory]
    [InlineData(ContentBlockType.Headline, "A headline needs its text.")]
    [InlineData(ContentBlockType.Text, "A text block needs its text.")]
    [InlineData(ContentBlockType.Image, "An image needs its address.")]
    [InlineData(ContentBlockType.Video, "A video needs its address.")]
    [InlineData(ContentBlockType.Bullets, "Add at least one bullet point.")]
    [InlineData(ContentBlockType.Testimonial, "A testimonial needs its quote.")]
    [InlineData(ContentBlockType.Countdown, "A countdown needs the moment it ends.")]
    [InlineData(ContentBlockType.CallToAction, "A call to action needs its button label.")]
    public void Each_type_names_what_it_needs(ContentBlockType type, string message)
    {
        var error = Assert.Single(Errors(new ContentBlock(ContentBlockType.Headline, "ok"), new ContentBlock(type)));
        Assert.Equal(message, error.Message);
        Assert.StartsWith("blocks[1].", error.Param, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://cdn.example.com/a.png")]
    [InlineData("//cdn.example.com/a.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("images/a.png")]
    public void Images_are_https_or_site_relative(string url) =>
        Assert.Equal("blocks[0].url", Assert.Single(Errors(new ContentBlock(ContentBlockType.Image, Url: url))).Param);

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?t=10", "https://www.youtube.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871")]
    [InlineData("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871")]
    public void Videos_are_stored_in_their_embed_form(string pasted, string embed) =>
        Assert.Equal(embed, new ContentBlock(ContentBlockType.Video, Url: pasted).Normalized().Url);

    [Theory]
    [InlineData("http://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://evil.example.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com.evil.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://vimeo.com/channels/abc")]
    public void Other_videos_are_refused(string url) =>
        Assert.Equal("The video must be an https:// YouTube or Vimeo address.", Assert.Single(Errors(new ContentBlock(ContentBlockType.Video, Url: url))).Message);

    [Fact]
    public void Lengths_and_counts_are_limited()
    {
        Assert.Equal("blocks[0].text", Assert.Single(Errors(new ContentBlock(ContentBlockType.Headline, new string('x', 121)))).Param);
        Assert.Single(Errors(new ContentBlock(ContentBlockType.Bullets, Items: [.. Enumerable.Repeat("b", 11)])));
        Assert.Single(Errors(new ContentBlock(ContentBlockType.Bullets, Items: [""])));
        var many = Enumerable.Repeat(new ContentBlock(ContentBlockType.Headline, "x"), ContentBlock.MaxPerStep + 1).ToArray();
        Assert.Equal("blocks", Assert.Single(Errors(many)).Param);
        Assert.Empty(Errors([.. many.Skip(1)]));
    }

    [Fact]
    public void A_headline_is_one_line() =>
        Assert.Equal("A headline is one line.", Assert.Single(Errors(new ContentBlock(ContentBlockType.Headline, "a\nb"))).Message);

    [Fact]
    public void Normalizing_trims_and_drops_empty_text()
    {
        var block = new ContentBlock(ContentBlockType.Bullets, "  ", Items: [" a "], Label: " x ").Normalized();
        Assert.Equal((null, "x"), (block.Text, block.Label));
        Assert.Equal(["a"], block.Items!);
    }
}
