using AngleSharp.Html.Dom;
using Bunit;
using Numi.Core.Offers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer editor's checkout fields tab: what checkout collects and the merchant's own questions, with the
/// Core's messages under each question's field and nothing saved on error.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferEditorCheckoutTests(NumiFactory factory) : OfferEditorContext(factory)
{
    /// <summary>The input of the Mud checkbox <paramref name="testId"/> (the attribute lands on the input itself).</summary>
    private IHtmlInputElement CheckBox(string testId) =>
        (IHtmlInputElement)Editor.FindAll($"input[data-testid={testId}], [data-testid={testId}] input[type=checkbox]").First();

    [Fact]
    public async Task Collected_details_and_custom_fields_are_saved_and_shown_again()
    {
        var (person, offer) = await OpenOfferAsync("checkout", "club-fields");
        Assert.Contains("None yet", Editor.Find("[data-testid=checkout-form]").TextContent);

        CheckBox("collect-phone").Change(true);
        CheckBox("collect-shipping").Change(true);
        Editor.Find("[data-testid=add-field]").Click();
        Editor.Find("[data-testid=add-field]").Click();
        Type("field-key-0", "vat_number");
        Type("field-label-0", "VAT number");
        CheckBox("field-required-0").Change(true);
        Type("field-key-1", "gift");
        Type("field-label-1", "Gift message");
        Editor.Find("button[aria-label='Remove field 2']").Click();
        Assert.Single(Editor.FindAll("[data-testid=custom-field]"));
        await Editor.Find("[data-testid=checkout-form]").SubmitAsync();

        WaitForSnackbar("Checkout fields saved.");
        var payment = (await StoredAsync(offer.Id)).Payment;
        Assert.Equal((true, false, true), (payment.CollectPhone, payment.CollectBillingAddress, payment.CollectShippingAddress));
        Assert.Equal([new CustomField("vat_number", "VAT number", CustomFieldType.Text, true)], payment.CustomFields);

        await DisposeComponentsAsync();
        await OpenAsync(person, offer.PublicId, "checkout");
        Assert.Equal("vat_number", Editor.Find("#field-key-0").GetAttribute("value"));
        Assert.True(CheckBox("collect-phone").IsChecked);
        Assert.False(CheckBox("collect-billing").IsChecked);
    }

    [Fact]
    public async Task A_bad_key_a_missing_label_and_a_repeated_key_are_refused_and_nothing_is_saved()
    {
        var (_, offer) = await OpenOfferAsync("checkout", "club-bad-fields");

        Editor.Find("[data-testid=add-field]").Click();
        Editor.Find("[data-testid=add-field]").Click();
        CheckBox("collect-phone").Change(true);
        Type("field-key-0", "VAT Number");
        Type("field-key-1", "gift");
        Type("field-label-1", "Gift");
        await Editor.Find("[data-testid=checkout-form]").SubmitAsync();

        Editor.WaitForAssertion(() => Assert.Equal("A field key has 1–40 lower-case letters, digits or '_', starting with a letter.", MessageUnder("field-key-0")));
        Assert.Equal("Give the field a label.", MessageUnder("field-label-0"));
        Assert.Null(MessageUnder("field-key-1"));
        Assert.Null(MessageUnder("field-label-1"));
        Assert.Equal(OfferPaymentSettings.Default with { CustomFields = [] }, (await StoredAsync(offer.Id)).Payment with { CustomFields = [] });
        Assert.Empty((await StoredAsync(offer.Id)).Payment.CustomFields);

        Type("field-key-0", "gift");
        Type("field-label-0", "Gift again");
        await Editor.Find("[data-testid=checkout-form]").SubmitAsync();
        Editor.WaitForAssertion(() => Assert.Equal("Each custom field needs its own key.", Editor.FieldMessage("custom_fields")));
        Assert.Empty((await StoredAsync(offer.Id)).Payment.CustomFields);
    }
}
