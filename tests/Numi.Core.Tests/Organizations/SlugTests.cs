using Numi.Core.Organizations;

namespace Numi.Core.Tests.Organizations;

public sealed class SlugTests
{
    [Theory]
    [InlineData("bean-and-leaf")]
    [InlineData("abc")]
    [InlineData("a-b")]
    [InlineData("shop42")]
    [InlineData("0123456789012345678901234567890123456789")] // 40 characters
    public void IsValid_accepts_lower_case_letters_digits_and_single_hyphens(string slug)
    {
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("ab")]                                         // too short
    [InlineData("01234567890123456789012345678901234567890")]  // 41 characters
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("ab--cd")]
    [InlineData("Bean")]
    [InlineData("bean leaf")]
    [InlineData("bean_leaf")]
    [InlineData("café")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_refuses_malformed_slugs(string? slug)
    {
        Assert.False(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("api")]
    [InlineData("checkout")]
    [InlineData("webhooks")]
    [InlineData("www")]
    public void IsValid_refuses_reserved_words(string slug)
    {
        Assert.True(Slug.IsReserved(slug));
        Assert.False(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("Bean & Leaf Café", "bean-leaf-cafe")]
    [InlineData("  Crème Brûlée  Co. ", "creme-brulee-co")]
    [InlineData("ACME_widgets--inc", "acme-widgets-inc")]
    [InlineData("Ünïcodé Šhop", "unicode-shop")]
    [InlineData("Hello, World!", "hello-world")]
    public void FromName_strips_accents_and_collapses_hyphens(string name, string expected)
    {
        Assert.Equal(expected, Slug.FromName(name));
    }

    [Fact]
    public void FromName_cuts_long_names_to_the_maximum_without_a_trailing_hyphen()
    {
        var slug = Slug.FromName(new string('a', 39) + " bcd");
        Assert.Equal(new string('a', 39), slug);
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.True(Slug.IsValid(slug));
    }
}
