using System.Net;
using Microsoft.Extensions.Logging;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests;

/// <summary>Bad input is not an error: a request refused for what the client sent logs one warning line that says why,
/// with no stack trace, and nothing at Error. An app of its own, so every entry it logs belongs to these requests.</summary>
public sealed class ClientErrorLoggingTests(NumiFactory app) : IClassFixture<NumiFactory>
{
    public static TheoryData<string> Refusals() => ["nul", "not-multipart", "none", "cross-site", "other-browser"];

    [Theory, MemberData(nameof(Refusals))]
    public async Task A_refused_checkout_post_logs_one_warning_without_a_stack_trace(string refusal)
    {
        using var shop = await CheckoutShop.CreateAsync(app);
        using var shopper = app.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using var stranger = app.CreateBrowser();
        var client = refusal == "other-browser" ? stranger.Client : shopper.Client;
        using var request = new HttpRequestMessage(HttpMethod.Post, session) { Content = FormPostTests.Body(refusal) };
        if (refusal == "cross-site") request.Headers.Add("Origin", "https://shop.evil.example");
        var before = app.Logs.Entries.Count;

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{refusal}: {(int)response.StatusCode}");
        var logged = app.Logs.Entries.Skip(before).Where(e => e.Level is not LogLevel.None).ToList();
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(logged, e => e.Exception is not null && e.Level >= LogLevel.Warning);
        var warning = Assert.Single(logged, e => e.Level == LogLevel.Warning);
        Assert.Contains($"POST {session} refused with {(int)response.StatusCode}", warning.Message);
    }

    [Fact]
    public async Task A_form_endpoint_that_throws_on_bad_input_answers_400_and_logs_no_error()
    {
        using var browser = app.CreateBrowser();
        await browser.SignUpAsync();
        var before = app.Logs.Entries.Count;

        // Minimal API form binding throws BadHttpRequestException without a valid antiforgery token.
        using var response = await browser.Client.PostAsync("/account/switch-organization",
            new FormUrlEncodedContent([new("organizationId", Guid.NewGuid().ToString())]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var logged = app.Logs.Entries.Skip(before).Where(e => e.Level is not LogLevel.None).ToList();
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(logged, e => e.Exception is not null && e.Level >= LogLevel.Warning);
        Assert.Contains(logged, e => e.Level == LogLevel.Warning && e.Message.Contains("POST /account/switch-organization refused with 400", StringComparison.Ordinal));
    }
}
