using Numi.Core.Common;

namespace Numi.Core.Tests.Common;

public sealed class PublicIdTests
{
    private static readonly Guid Id = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    [Fact]
    public void Format_is_prefix_underscore_and_32_hex_digits()
    {
        Assert.Equal("prod_0190a1b2c3d47e5f8a9b0c1d2e3f4a5b", PublicId.Format(IdPrefixes.Product, Id));
    }

    [Theory]
    [InlineData(IdPrefixes.Organization)]
    [InlineData(IdPrefixes.Product)]
    [InlineData(IdPrefixes.ApiKey)]
    public void Parse_round_trips_the_formatted_id(string prefix)
    {
        var id = Guid.CreateVersion7();
        Assert.True(PublicId.TryParse(prefix, PublicId.Format(prefix, id), out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void Parse_refuses_another_resource_prefix()
    {
        Assert.False(PublicId.TryParse(IdPrefixes.Organization, PublicId.Format(IdPrefixes.Product, Id), out var parsed));
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData("prod_0190a1b2c3d47e5f8a9b0c1d2e3f4a5")]    // one digit short
    [InlineData("prod_0190a1b2c3d47e5f8a9b0c1d2e3f4a5b0")]  // one digit too many
    [InlineData("prod_")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_refuses_bad_lengths(string? value)
    {
        Assert.False(PublicId.TryParse(IdPrefixes.Product, value, out var parsed));
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData("prodx0190a1b2c3d47e5f8a9b0c1d2e3f4a5b")]   // no underscore after the prefix
    [InlineData("prod_0190a1b2c3d47e5f8a9b0c1d2e3f4a5z")]   // not hexadecimal
    [InlineData("PROD_0190a1b2c3d47e5f8a9b0c1d2e3f4a5b")]   // prefix is case-sensitive
    public void Parse_refuses_malformed_values(string value)
    {
        Assert.False(PublicId.TryParse(IdPrefixes.Product, value, out _));
    }
}
