using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Stripe;

/// <summary>/api/v1/stripe_connection with an owner's sign-in cookie, against the fake Stripe: connect, replace and
/// disconnect as Settings › Stripe does, secrets never answered (hints only), Core's and Stripe's refusals on their
/// fields, and no one but an owner of this organization touches it.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeConnectionApiTests(StripeFactory factory)
{
    [Fact]
    public async Task An_owner_connects_replaces_and_disconnects_Stripe_and_never_gets_a_secret_back()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        var webhookUrl = $"http://localhost/webhooks/stripe/{merchant.Slug}";

        var empty = await owner.GetApiOkAsync("/api/v1/stripe_connection");
        Assert.Equal(("stripe_connection", false, webhookUrl), (empty.GetProperty("object").GetString(), empty.GetProperty("connected").GetBoolean(),
            empty.GetProperty("webhook_url").GetString()));

        var (secret, publishable, signing) = StripeFactory.NewKeys();
        using var connect = await owner.PostApiAsync("/api/v1/stripe_connection",
            $$"""{"secret_key":"{{secret}}","publishable_key":"{{publishable}}","webhook_secrets":"{{signing}}"}""");
        var answer = await connect.Content.ReadAsStringAsync();
        var connection = await connect.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
        Assert.Equal((true, "test", "sk_test_…" + secret[^4..], publishable), (connection.GetProperty("connected").GetBoolean(),
            connection.GetProperty("mode").GetString(), connection.GetProperty("secret_key_hint").GetString(), connection.GetProperty("publishable_key").GetString()));
        Assert.Equal(["whsec_…" + signing[^4..]], connection.GetProperty("webhook_secret_hints").EnumerateArray().Select(h => h.GetString()));
        Assert.DoesNotContain(secret[8..], answer);
        Assert.DoesNotContain(signing[6..], answer);
        Assert.Contains(factory.Stripe.Requests, r => r.Path == "/v1/balance" && r.Authorization == "Bearer " + secret);

        var (_, _, rolled) = StripeFactory.NewKeys();
        var replaced = await owner.PostApiOkAsync("/api/v1/stripe_connection",
            $$"""{"secret_key":"{{secret}}","publishable_key":"{{publishable}}","webhook_secrets":"{{signing}}\n{{rolled}}"}""");
        Assert.Equal(2, replaced.GetProperty("webhook_secret_hints").GetArrayLength());
        Assert.Equal(2, (await owner.GetApiOkAsync("/api/v1/stripe_connection")).GetProperty("webhook_secret_hints").GetArrayLength());

        using var disconnect = await owner.DeleteApiAsync("/api/v1/stripe_connection");
        Assert.Equal(HttpStatusCode.OK, disconnect.StatusCode);
        Assert.False((await disconnect.JsonAsync()).GetProperty("connected").GetBoolean());
        using var again = await owner.DeleteApiAsync("/api/v1/stripe_connection");
        await again.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
    }

    [Fact]
    public async Task Missing_keys_are_each_named_and_nothing_is_saved()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;

        using var response = await owner.PostApiAsync("/api/v1/stripe_connection", "{}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "secret_key");
        Assert.Equal(["secret_key", "publishable_key", "webhook_secrets"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("param").GetString()));
        Assert.False((await owner.GetApiOkAsync("/api/v1/stripe_connection")).GetProperty("connected").GetBoolean());
    }

    [Theory]
    [InlineData(FakeStripeServer.RefusedKey, "pk_test_abcdefghijkl", "whsec_abcdefghijkl", "secret_key")]
    [InlineData("sk_live_abcdefghijkl", "pk_test_abcdefghijkl", "whsec_abcdefghijkl", "publishable_key")]
    [InlineData("sk_test_abcdefghijkl", "pk_test_abcdefghijkl", "not-a-secret", "webhook_secrets")]
    [InlineData("sk_test_abc\\u0000defghijkl", "pk_test_abcdefghijkl", "whsec_abcdefghijkl", "secret_key")]
    public async Task A_key_Core_or_Stripe_refuses_is_a_problem_on_its_field(string secret, string publishable, string signing, string param)
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;

        using var response = await owner.PostApiAsync("/api/v1/stripe_connection",
            $$"""{"secret_key":"{{secret}}","publishable_key":"{{publishable}}","webhook_secrets":"{{signing}}"}""");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", param);
        Assert.False((await owner.GetApiOkAsync("/api/v1/stripe_connection")).GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Nobody_but_an_owner_reads_or_changes_it_and_only_with_the_token()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (admin, _) = await factory.JoinedAsync(merchant, OrganizationRole.Admin);
        using var _o = owner;
        using var _a = admin;
        var (secret, publishable, signing) = await factory.ConnectStripeAsync(await factory.OrganizationIdAsync(merchant.Slug));
        var body = $$"""{"secret_key":"{{secret}}","publishable_key":"{{publishable}}","webhook_secrets":"{{signing}}"}""";

        await (await admin.Client.GetAsync("/api/v1/stripe_connection")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await admin.PostApiAsync("/api/v1/stripe_connection", body)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await admin.DeleteApiAsync("/api/v1/stripe_connection")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Post, "/api/v1/stripe_connection", body);
        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Delete, "/api/v1/stripe_connection");

        Assert.True((await owner.GetApiOkAsync("/api/v1/stripe_connection")).GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Each_organization_sees_and_disconnects_only_its_own_connection()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        var otherId = await factory.CreateOrganizationAsync();
        await factory.ConnectStripeAsync(otherId);

        Assert.False((await owner.GetApiOkAsync("/api/v1/stripe_connection")).GetProperty("connected").GetBoolean());
        using var disconnect = await owner.DeleteApiAsync("/api/v1/stripe_connection");
        await disconnect.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");

        Assert.True(await factory.WithDbAsync(db => db.StripeConnections.IgnoreQueryFilters().AnyAsync(c => c.OrganizationId == otherId)));
    }
}
