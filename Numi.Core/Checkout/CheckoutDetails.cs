using System.Globalization;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tax;

namespace Numi.Core.Checkout;

/// <param name="State">The region where the merchant taxes by it: a US state, a Canadian province (CA, QC).</param>
public sealed record Address(string? Line1, string? Line2, string? City, string? PostalCode, string? Country, string? State = null);

/// <summary>What an offer's payment settings ask the shopper for beyond email and name: phone, addresses, and the
/// merchant's own questions (answers keyed by the field's key).</summary>
public sealed record CheckoutDetails(
    string? Phone = null,
    Address? BillingAddress = null,
    Address? ShippingAddress = null,
    IReadOnlyDictionary<string, string>? CustomFields = null,
    TaxLocation? Location = null)
{
    public static readonly CheckoutDetails None = new();

    /// <summary>Where the shopper is taxed: the location the checkout page last saw (from the address it asks for, or
    /// the country chosen where it asks for none), else the billing address when the offer asks for one, else the
    /// shipping address; null while unknown.</summary>
    public TaxLocation? WhereTaxed(OfferPaymentSettings settings) =>
        Location
        ?? (settings.CollectBillingAddress ? TaxLocation.Of(BillingAddress?.Country, BillingAddress?.State) : null)
        ?? (settings.CollectShippingAddress ? TaxLocation.Of(ShippingAddress?.Country, ShippingAddress?.State) : null);

    /// <summary>These details as a payment keeps them. Where the offer asks for an address, that address decides the
    /// tax: a location named before it (an API session's <c>tax_location</c>) only priced the checkout until then.
    /// Elsewhere a payment that names no location keeps the one the checkout already had (<paramref name="earlier"/>).</summary>
    public CheckoutDetails ForPayment(OfferPaymentSettings settings, TaxLocation? earlier) =>
        settings.CollectBillingAddress || settings.CollectShippingAddress ? this with { Location = null } : this with { Location = Location ?? earlier };

    /// <summary>The answers the offer asks for, checked: required ones present, numbers, dates and tick boxes well
    /// formed, countries as two letters. Params: <c>customer_phone</c>, <c>shipping_address.city</c>, <c>custom_fields.vat</c>.</summary>
    public IReadOnlyList<Error> Check(OfferPaymentSettings settings)
    {
        var errors = new List<Error>();
        if (settings.CollectPhone && string.IsNullOrWhiteSpace(Phone)) errors.Add(Error.Missing("customer_phone", "Enter a phone number."));
        if (Phone is { Length: > 40 }) errors.Add(Error.Invalid("customer_phone", "A phone number has at most 40 characters."));
        if (settings.CollectBillingAddress) CheckAddress(BillingAddress, "billing_address", errors);
        if (settings.CollectShippingAddress) CheckAddress(ShippingAddress, "shipping_address", errors);
        var answers = CustomFields ?? new Dictionary<string, string>();
        foreach (var key in answers.Keys.Where(k => settings.CustomFields.All(f => f.Key != k)))
            errors.Add(Error.Invalid($"custom_fields.{key}", $"This checkout has no question '{key}'."));
        foreach (var field in settings.CustomFields)
        {
            var answer = answers.GetValueOrDefault(field.Key)?.Trim();
            var param = $"custom_fields.{field.Key}";
            if (string.IsNullOrEmpty(answer) || (field.Type == CustomFieldType.Checkbox && answer != "true"))
            {
                if (field.Required) errors.Add(Error.Missing(param, field.Type == CustomFieldType.Checkbox ? $"Tick '{field.Label}' to continue." : $"Answer '{field.Label}'."));
                continue;
            }
            if (answer.Length > 500) errors.Add(Error.Invalid(param, $"'{field.Label}' has at most 500 characters."));
            else if (field.Type == CustomFieldType.Number && !decimal.TryParse(answer, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                errors.Add(Error.Invalid(param, $"'{field.Label}' must be a number."));
            else if (field.Type == CustomFieldType.Date && !DateOnly.TryParseExact(answer, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors.Add(Error.Invalid(param, $"'{field.Label}' must be a date (YYYY-MM-DD)."));
        }
        return errors;
    }

    private static void CheckAddress(Address? address, string param, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(address?.Line1)) errors.Add(Error.Missing($"{param}.line1", "Enter the street address."));
        if (string.IsNullOrWhiteSpace(address?.City)) errors.Add(Error.Missing($"{param}.city", "Enter the city."));
        if (string.IsNullOrWhiteSpace(address?.PostalCode)) errors.Add(Error.Missing($"{param}.postal_code", "Enter the postal code."));
        if (address?.Country is not { Length: 2 } country || !country.All(char.IsAsciiLetter))
            errors.Add(Error.Invalid($"{param}.country", "Choose the country (two letters, e.g. US)."));
        if (!string.IsNullOrWhiteSpace(address?.State) && !TaxRate.IsRegionCode(address.State.Trim()))
            errors.Add(Error.Invalid($"{param}.state", "A state or province is a code of one to three letters, e.g. CA."));
        foreach (var (value, name) in new[] { (address?.Line1, "line1"), (address?.Line2, "line2"), (address?.City, "city"), (address?.PostalCode, "postal_code") })
            if (value is { Length: > 200 }) errors.Add(Error.Invalid($"{param}.{name}", "At most 200 characters."));
    }
}
