using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>The states a session's page shows that the tests comparing a page built from kept parts
/// (<c>CheckoutOfferMarkupTests</c>, <c>CheckoutPageTemplateTests</c>) with the page rendered whole go through, and how
/// a shopper brings a session to each.</summary>
internal static class CheckoutPageStates
{
    public static TheoryData<string> All => ["fresh", "other choice", "bump and quantity", "email typed", "code applied", "country chosen", "code no longer usable"];

    /// <summary>Gives the shop a tax rate (so the page asks for a country) and the code WELCOME10; answers the code's id.</summary>
    public static async Task<string> TaxAndCodeAsync(CheckoutShop shop)
    {
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20,"inclusive":true}""");
        return (await shop.Api.PostOkAsync("/api/v1/discount_codes", """{"code":"WELCOME10","percent_off":10}""")).GetProperty("id").GetString()!;
    }

    /// <summary>Brings the session to <paramref name="state"/> the way a shopper does ("code no longer usable" applies the
    /// code; <see cref="SpoilCodeAsync"/> then makes it unusable).</summary>
    public static async Task ReachAsync(string state, CheckoutShop shop, Browser shopper, string path)
    {
        Dictionary<string, string?>? fields = state switch
        {
            "other choice" => new() { ["Input.Slots[0].Price"] = shop.ThreeBags },
            "bump and quantity" => new() { ["Input.Slots[0].Quantity"] = "3", ["Input.Slots[1].Selected"] = "true" },
            "email typed" => new() { ["Input.Email"] = "ada.lovelace@example.com" },
            "code applied" or "code no longer usable" => new() { ["Input.Action"] = "apply-discount", ["Input.DiscountCode"] = "WELCOME10" },
            "country chosen" => new() { ["Input.TaxCountry"] = "GB" },
            _ => null,
        };
        if (fields is null) return;
        fields.TryAdd("Input.Action", "update");
        using var posted = await shopper.PostCheckoutAsync(path, fields);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    /// <summary>For "code no longer usable": the code applied is deactivated.</summary>
    public static async Task SpoilCodeAsync(string state, CheckoutShop shop, string codeId)
    {
        if (state == "code no longer usable") await shop.Api.PostOkAsync($"/api/v1/discount_codes/{codeId}", """{"active":false}""");
    }

    /// <summary>Text the page shows in <paramref name="state"/>.</summary>
    public static string Shows(string state) => state switch
    {
        "other choice" => "$63.00",
        "bump and quantity" => "$101.00",
        "email typed" => "ada.lovelace",
        "code applied" => "WELCOME10 (10% off)",
        "country chosen" => "VAT",
        "code no longer usable" => "co-error",
        _ => CheckoutShop.Headline,
    };

    public static string SessionId(string path) => path[(path.LastIndexOf('/') + 1)..];
}
