using Numi.Core.Funnels.Experiments;

namespace Numi.Core.Tests.Funnels;

public sealed class VisitorIdTests
{
    [Fact]
    public void A_new_id_is_22_base64url_characters_and_parses_back()
    {
        var id = VisitorId.New();

        Assert.Equal(22, id.Value.Length);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id.Value);
        Assert.True(VisitorId.TryParse(id.Value, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void New_ids_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => VisitorId.New().Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, ids.Count);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("_____________________w")]
    [InlineData("Zm9vYmFyYmF6cXV4MTIzNA")]
    public void A_well_formed_cookie_is_accepted(string cookie) => Assert.True(VisitorId.TryParse(cookie, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")] // 21 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")] // 23 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAA=")] // padding
    [InlineData("AAAAAAAAAAAAAAAAAAAA+A")] // base64, not base64url
    [InlineData("AAAAAAAAAAAAAAAAAAAA/A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA A")]
    [InlineData(" AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAB")] // the last character's spare bits set: a second spelling of another id
    [InlineData("AAAAAAAAAAAAAAAAAAAAAé")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Anything_else_is_refused(string? cookie)
    {
        Assert.False(VisitorId.TryParse(cookie, out var id));
        Assert.Equal(default, id);
    }
}
