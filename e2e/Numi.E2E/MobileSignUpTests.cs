using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>Sign-up on a 375 px phone: it fits the screen, and an incomplete form is refused without creating anything.</summary>
[Collection(NumiCollection.Name)]
public sealed class MobileSignUpTests(NumiAppFixture numi)
{
    private const int PhoneWidth = 375;

    [Fact]
    public async Task Sign_up_fits_a_phone_and_refuses_an_incomplete_form_without_creating_the_account()
    {
        await using var context = await numi.NewContextAsync(new ViewportSize { Width = PhoneWidth, Height = 812 });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your Numi account" })).ToBeVisibleAsync();
        Assert.True(await ScrollWidthAsync(page) <= PhoneWidth, $"The sign-up page scrolls sideways at {PhoneWidth} px: scrollWidth {await ScrollWidthAsync(page)}.");

        // Submitted empty: refused, with messages beside the fields.
        var createAccount = page.GetByRole(AriaRole.Button, new() { Name = "Create account" });
        await createAccount.ClickAsync();
        await Expect(page.Locator(".ac-error").First).ToBeVisibleAsync();
        await Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signup$"));
        Assert.True(await ScrollWidthAsync(page) <= PhoneWidth, $"With its errors the sign-up page scrolls sideways at {PhoneWidth} px: scrollWidth {await ScrollWidthAsync(page)}.");

        // The owner part filled in, the organization part still empty: still refused, and no account exists afterwards.
        var email = $"phone-{Guid.NewGuid():N}@example.com";
        const string password = "phone-pass-2024";
        await page.FillAsync("#display-name", "Pat Phone");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await createAccount.ClickAsync();
        await Expect(page.Locator("#name-error.ac-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signup$"));

        await page.GotoAsync("/account/signin");
        await MerchantJourneyTests.SignInAsync(page, email, password);
        await Expect(page.GetByText("The email or password is not right.")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin$"));
        await Expect(page.GetByTestId("organization-name")).ToHaveCountAsync(0);
    }

    private static Task<int> ScrollWidthAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
}
