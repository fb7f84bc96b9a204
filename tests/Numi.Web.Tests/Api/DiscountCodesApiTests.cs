using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/discount_codes: a validity window is a moment of this century, and ends after it starts.</summary>
[Collection(AppCollection.Name)]
public sealed class DiscountCodesApiTests(NumiFactory factory)
{
    [Theory]
    [InlineData("""{"valid_from":-1}""", "valid_from")]
    [InlineData("""{"valid_from":0}""", "valid_from")]
    [InlineData("""{"valid_from":946684799}""", "valid_from")]
    [InlineData("""{"valid_until":-1}""", "valid_until")]
    [InlineData("""{"valid_until":4102444801}""", "valid_until")]
    [InlineData("""{"valid_until":1800000000000}""", "valid_until")]
    [InlineData("""{"valid_until":-9223372036854775808}""", "valid_until")]
    [InlineData("""{"valid_from":1800000000,"valid_until":1800000000}""", "valid_until")]
    [InlineData("""{"valid_from":1800000000,"valid_until":1700000000}""", "valid_until")]
    public async Task An_absurd_or_backward_window_is_refused_on_create_and_update_and_nothing_changes(string window, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var existing = await api.PostOkAsync("/api/v1/discount_codes", """{"code":"KEEP","percent_off":10,"valid_until":1900000000}""");
        var id = existing.GetProperty("id").GetString();
        var fields = window.TrimStart('{');

        using var created = await api.PostJsonAsync("/api/v1/discount_codes", """{"code":"ODD","percent_off":10,""" + fields);
        var problem = await created.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", param);
        Assert.Contains(window.Contains(',') ? "end after it starts" : "between 2000-01-01 and 2100-01-01", problem.GetProperty("detail").GetString());
        using var updated = await api.PostJsonAsync($"/api/v1/discount_codes/{id}", window);
        await updated.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", param);

        var codes = await api.GetFromJsonElementAsync("/api/v1/discount_codes");
        var kept = Assert.Single(codes.GetProperty("data").EnumerateArray());
        Assert.Equal(1_900_000_000, kept.GetProperty("valid_until").GetInt64());
    }

    [Fact]
    public async Task A_window_at_the_edges_of_the_century_is_accepted()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;

        var code = await api.PostOkAsync("/api/v1/discount_codes", """{"code":"CENTURY","percent_off":10,"valid_from":946684800,"valid_until":4102444800}""");

        Assert.Equal((946_684_800L, 4_102_444_800L), (code.GetProperty("valid_from").GetInt64(), code.GetProperty("valid_until").GetInt64()));
    }
}
