using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class ApiOrganizationTests(NumiFactory factory)
{
    [Fact]
    public async Task Organization_is_returned_in_snake_case_with_a_prefixed_id()
    {
        var merchant = Merchant.New();
        var organizationId = await factory.CreateOrganizationAsync(merchant);
        using var client = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));

        using var response = await client.GetAsync("/api/v1/organization");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("organization", body.GetProperty("object").GetString());
        Assert.Equal($"org_{organizationId:N}", body.GetProperty("id").GetString());
        Assert.Equal(merchant.Name, body.GetProperty("name").GetString());
        Assert.Equal(merchant.Slug, body.GetProperty("slug").GetString());
        Assert.Equal("usd", body.GetProperty("default_currency").GetString());
        Assert.Equal("UTC", body.GetProperty("time_zone").GetString());
        Assert.False(body.GetProperty("livemode").GetBoolean());
        Assert.True(body.GetProperty("created").GetInt64() > 1_600_000_000);
        Assert.False(body.TryGetProperty("defaultCurrency", out _));
    }

    [Fact]
    public async Task Update_changes_the_organization()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _ = client;

        using var response = await client.PostAsync("/api/v1/organization", ApiCalls.Json("""{"name":"Renamed","default_currency":"EUR","time_zone":"Europe/Paris"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("eur", body.GetProperty("default_currency").GetString());
        var stored = await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == organizationId));
        Assert.Equal(("Renamed", "eur", "Europe/Paris"), (stored.Name, stored.DefaultCurrency, stored.TimeZone));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_changes_nothing()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _ = client;

        using var response = await client.PostAsync("/api/v1/organization", new StringContent("name=Renamed", System.Text.Encoding.UTF8, "text/plain"));

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var stored = await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == organizationId));
        Assert.NotEqual("Renamed", stored.Name);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2")]
    public async Task Malformed_json_is_400_invalid_json(string json)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostAsync("/api/v1/organization", ApiCalls.Json(json));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Unknown_field_is_400_parameter_unknown_naming_it()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _ = client;

        using var response = await client.PostAsync("/api/v1/organization", ApiCalls.Json("""{"name":"Sneaky","nickname":"x"}"""));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_unknown", "nickname");
        Assert.NotEqual("Sneaky", await NameAsync(organizationId));
    }

    [Fact]
    public async Task Unknown_currency_is_422_naming_default_currency()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _ = client;

        using var response = await client.PostAsync("/api/v1/organization", ApiCalls.Json("""{"name":"Changed","default_currency":"zzz"}"""));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "default_currency");
        Assert.NotEqual("Changed", await NameAsync(organizationId));
    }

    [Fact]
    public async Task Wrong_type_is_400_parameter_invalid()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostAsync("/api/v1/organization", ApiCalls.Json("""{"name":42}"""));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "name");
    }

    private Task<string> NameAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync());
}
