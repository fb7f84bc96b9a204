using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// Issue 13's journey, on Numi's own clock: a shopper subscribes through the checkout; a platform admin moves the clock
/// a month and the renewal is paid; the card becomes 4000 0000 0000 0341 (kept, then declined when charged), the clock
/// moves again and the subscription goes past due with a retry scheduled and its reason shown; the customer signs into
/// the portal by the emailed link and gives a new card, the open invoice is paid and the subscription is active; the
/// merchant sees the whole story in the subscription's timeline. The clock is reset at the end.
/// </summary>
[Collection(NumiCollection.Name)]
public sealed class BillingJourneyTests(NumiAppFixture numi)
{
    private static readonly TimeSpan JobWait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_subscriber_renews_falls_past_due_recovers_in_the_portal_and_the_merchant_sees_it_all()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var api = await numi.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = numi.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + shop.ApiSecret },
        });
        var clubSlug = await ClubOfferAsync(api, shop);

        // 1. The shopper subscribes through the checkout.
        var email = $"subscriber-{Guid.NewGuid().ToString("N")[..12]}@example.com";
        await using (var shopper = await numi.NewContextAsync())
        {
            var checkout = await shopper.NewPageAsync();
            await checkout.GotoAsync($"/c/{shop.OrganizationSlug}/{clubSlug}");
            await CheckoutJourneyTests.FillDetailsAsync(checkout, "4242 4242 4242 4242");
            await checkout.FillAsync("#co-email", email);
            await checkout.GetByTestId("pay").ClickAsync();
            await Expect(checkout.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        }
        var subscription = (await ListAsync(api, "/api/v1/subscriptions")).Single();
        var id = subscription.GetProperty("id").GetString()!;
        Assert.Equal("active", subscription.GetProperty("status").GetString());

        await using var adminContext = await numi.NewContextAsync();
        var clock = await ClockPageAsync(adminContext);
        try
        {
            // 2. A month later the renewal is paid.
            await AdvanceMonthAsync(clock);
            var renewal = await WaitForAsync(api, "/api/v1/invoices", i => i.GetProperty("status").GetString() == "paid", "the renewal paid");
            Assert.Equal(2200, renewal.GetProperty("amount_paid").GetInt64());

            // 3. The card becomes one that is declined when charged: the next renewal fails, a retry is scheduled and says why.
            await PostAsync(api, $"/api/v1/subscriptions/{id}/payment_method", new { payment_method = "pm_card_chargeCustomerFail" });
            await AdvanceMonthAsync(clock);
            var open = await WaitForAsync(api, "/api/v1/invoices", i => i.GetProperty("status").GetString() == "open" && i.GetProperty("attempt_count").GetInt32() >= 1,
                "the second renewal declined");
            var reason = open.GetProperty("retry_reason").GetString()!;
            var number = open.GetProperty("number").GetString()!;
            Assert.Equal("INV-000002", number);
            Assert.False(open.GetProperty("next_payment_attempt").ValueKind == JsonValueKind.Null, "a retry is scheduled");
            var next = DateTimeOffset.FromUnixTimeSeconds(open.GetProperty("next_payment_attempt").GetInt64()).UtcDateTime;
            // The reason begins with the attempt's time in the plan's zone and ends with the decline's words, e.g.
            // "Tue 4 May 09:00 America/Chicago: …; an unexplained decline is a soft decline".
            var local = TimeZoneInfo.ConvertTimeFromUtc(next, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
            Assert.InRange(local.Hour, 9, 17);
            Assert.StartsWith(local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + " America/Chicago: ", reason);
            Assert.EndsWith("an unexplained decline is a soft decline", reason);
            await WaitForAsync(api, "/api/v1/subscriptions", s => s.GetProperty("status").GetString() == "past_due", "the subscription past due");

            await using var merchant = await numi.NewContextAsync();
            var page = await CheckoutJourneyTests.SignInAsync(merchant, shop);
            await page.GotoAsync($"/subscriptions/{id}");
            await Expect(page.GetByTestId("subscription-status")).ToHaveTextAsync("past_due");
            await ExpectEventAsync(page.GetByTestId("timeline-event").First, "Payment failed", "active → past_due", $"{number}: {reason}");

            // The invoice page shows the next attempt, in UTC, with the whole reason in the plan's local time.
            await page.GotoAsync($"/invoices/{open.GetProperty("id").GetString()}");
            await Expect(page.GetByTestId("invoice-status")).ToHaveTextAsync("open");
            await Expect(page.GetByTestId("next-attempt")).ToHaveTextAsync($"Next attempt {next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: {reason}");

            // 4. The customer signs into the portal by the emailed link, gives a new card, and the invoice is paid.
            await using (var customer = await numi.NewContextAsync())
            {
                var portal = await customer.NewPageAsync();
                await portal.GotoAsync($"/portal/{shop.OrganizationSlug}");
                await portal.GetByLabel("Email").FillAsync(email);
                await portal.GetByTestId("send-link").ClickAsync();
                await Expect(portal.GetByTestId("link-sent")).ToBeVisibleAsync();
                await portal.GotoAsync(await SignInLinkAsync(numi, email));
                await portal.GotoAsync($"/portal/{shop.OrganizationSlug}/subscriptions");
                await Expect(portal.GetByTestId("status")).ToHaveTextAsync("Payment due");
                await portal.GetByRole(AriaRole.Link, new() { Name = "Update card" }).ClickAsync();
                await portal.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
                await portal.GetByLabel("Expiry").FillAsync("12/30");
                await portal.GetByLabel("CVC").FillAsync("123");
                await portal.GetByRole(AriaRole.Button, new() { Name = "Save card" }).ClickAsync();
                await Expect(portal.GetByTestId("card-saved")).ToHaveTextAsync("Your new card is saved and what was due is paid with it.");
                await Expect(portal.GetByTestId("status")).ToHaveTextAsync("Active");
            }
            var paidNow = await WaitForAsync(api, "/api/v1/invoices", i => i.GetProperty("id").GetString() == open.GetProperty("id").GetString(), "the invoice");
            Assert.Equal("paid", paidNow.GetProperty("status").GetString());

            // 5. The merchant sees the whole story, newest first.
            await page.GotoAsync($"/subscriptions/{id}");
            await Expect(page.GetByTestId("subscription-status")).ToHaveTextAsync("active");
            // Newest first: the retry's payment, the portal's card, the failure, the failing card, the first renewal.
            var events = page.GetByTestId("timeline-event");
            await ExpectEventAsync(events.Nth(0), "Renewed", "past_due → active", $"{number} paid");
            await ExpectEventAsync(events.Nth(1), "Card changed", "stays past_due", "card visa •••• 4242");
            await ExpectEventAsync(events.Nth(2), "Payment failed", "active → past_due", $"{number}: {reason}");
            await ExpectEventAsync(events.Nth(3), "Card changed", "stays active", "card visa •••• 0341");
            await ExpectEventAsync(events.Nth(4), "Renewed", "stays active", "INV-000001 paid");
            await Expect(events).ToHaveCountAsync(5);
        }
        finally
        {
            await clock.GotoAsync("/admin/clock");
            await InteractiveJourneyTests.RendererAsync(clock);
            await clock.GetByTestId("reset").ClickAsync();
            await clock.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
            await Expect(clock.GetByTestId("clock-offset")).ToHaveTextAsync("nothing (system time)");
        }
    }

    /// <summary>One line of the subscription's timeline, each part exactly as shown.</summary>
    private static async Task ExpectEventAsync(ILocator line, string label, string status, string detail)
    {
        await Expect(line.GetByTestId("timeline-label")).ToHaveTextAsync(label);
        await Expect(line.GetByTestId("timeline-status")).ToHaveTextAsync(status);
        await Expect(line.GetByTestId("timeline-detail")).ToHaveTextAsync(detail);
    }

    /// <summary>A published offer of one monthly $22.00 price that is a plan (the default MI retry settings, the window in America/Chicago).</summary>
    private static async Task<string> ClubOfferAsync(IAPIRequestContext api, CheckoutShop shop)
    {
        var product = await CheckoutShop.IdAsync(api, "/api/v1/products", new { name = "Coffee Club" });
        var monthly = await CheckoutShop.IdAsync(api, "/api/v1/prices", new
        {
            product, currency = "usd", type = "recurring", billing_scheme = "per_unit", unit_amount = 2200,
            recurring = new { interval = "month", interval_count = 1 },
        });
        await CheckoutShop.IdAsync(api, "/api/v1/plans", new { price = monthly, name = "Club monthly", settings = new
        {
            campaign = new { steps = new[] { new { day = 1, email = new { subject = "Your card was declined", body = "Update your card: {{update_card_url}}" } } } },
            retry = new { time_zone = "America/Chicago" },
        } });
        var slug = "club-" + shop.OfferSlug;
        await CheckoutShop.IdAsync(api, "/api/v1/offers", new
        {
            name = "Coffee Club monthly", slug, currency = "usd", status = "published",
            slots = new[] { new { key = "club", name = "Coffee Club", price = monthly, required = true } },
        });
        return slug;
    }

    /// <summary>The platform admin (<see cref="NumiAppFixture.AdminEmail"/>) signed up, on the clock page.</summary>
    private static async Task<IPage> ClockPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signup");
        await page.FillAsync("#org-name", "Platform");
        await page.FillAsync("#org-slug", "platform-" + Guid.NewGuid().ToString("N")[..8]);
        await page.SelectOptionAsync("#org-currency", "usd");
        await page.SelectOptionAsync("#org-timezone", "UTC");
        await page.FillAsync("#display-name", "Pat Admin");
        await page.FillAsync("#email", NumiAppFixture.AdminEmail);
        await page.FillAsync("#password", CheckoutShop.MerchantPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?welcome=true$"));
        await page.GotoAsync("/admin/clock");
        await InteractiveJourneyTests.RendererAsync(page);
        return page;
    }

    private static async Task AdvanceMonthAsync(IPage clock)
    {
        var before = await clock.GetByTestId("clock-offset").InnerTextAsync();
        await clock.GetByTestId("advance-month").ClickAsync();
        await Expect(clock.GetByTestId("clock-offset")).Not.ToHaveTextAsync(before);
    }

    /// <summary>The newest portal sign-in email to <paramref name="email"/> in the mail folder (no SMTP host here), its link.</summary>
    internal static async Task<string> SignInLinkAsync(NumiAppFixture numi, string email)
    {
        var folder = Path.Combine(numi.DataDirectory, "mail");
        var deadline = DateTime.UtcNow + JobWait;
        while (DateTime.UtcNow < deadline)
        {
            var mail = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).LastOrDefault(m => m.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Contains("/portal/", StringComparison.Ordinal))
                : null;
            if (mail is not null && Regex.Match(mail.Replace("=\r\n", "").Replace("=3D", "="), @"https?://[^\s""<>]+/portal/[^\s""<>]+") is { Success: true } link)
                return link.Value;
            await Task.Delay(500);
        }
        throw new TimeoutException($"No portal sign-in email to {email} in {folder}.");
    }

    private static async Task<List<JsonElement>> ListAsync(IAPIRequestContext api, string url)
    {
        var response = await api.GetAsync(url + "?limit=100");
        Assert.True(response.Ok, $"GET {url}: {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>Polls <paramref name="url"/> until an item matches: the billing jobs run every couple of seconds here.</summary>
    private static async Task<JsonElement> WaitForAsync(IAPIRequestContext api, string url, Func<JsonElement, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + JobWait;
        List<JsonElement> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await ListAsync(api, url);
            if (last.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found) return found;
            await Task.Delay(500);
        }
        throw new TimeoutException($"Waited {JobWait.TotalSeconds} s for {what}: {string.Join(", ", last.Select(e => e.ToString()))}");
    }

    private static async Task PostAsync(IAPIRequestContext api, string url, object body)
    {
        var response = await api.PostAsync(url, new APIRequestContextOptions { DataObject = body });
        Assert.True(response.Ok, $"POST {url}: {response.Status} {await response.TextAsync()}");
    }
}
