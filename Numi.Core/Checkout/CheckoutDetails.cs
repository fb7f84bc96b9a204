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

    /// <summary>What the offer asks for and nothing more: a phone, an address or an answer it does not ask for is
    /// dropped even when one was sent, so the session and its order never keep what the shopper was not asked to give.
    /// Where the shopper is taxed is kept: the page asks for a country when it asks for no address.</summary>
    public CheckoutDetails AskedBy(OfferPaymentSettings settings) => this with
    {
        Phone = settings.CollectPhone ? Phone : null,
        BillingAddress = settings.CollectBillingAddress ? BillingAddress : null,
        ShippingAddress = settings.CollectShippingAddress ? ShippingAddress : null,
        CustomFields = CustomFields?.Where(a => settings.CustomFields.Any(f => f.Key == a.Key)).ToDictionary(a => a.Key, a => a.Value),
    };

    /// <summary>The answers the offer asks for, checked: required ones present, numbers, dates and tick boxes well
    /// formed, countries as two letters, no control characters. An answer to a question the offer does not have is
    /// refused; a phone or an address it does not ask for is not looked at (<see cref="AskedBy"/> drops it).
    /// Params: <c>customer_phone</c>, <c>shipping_address.city</c>, <c>custom_fields.vat</c>.</summary>
    public IReadOnlyList<Error> Check(OfferPaymentSettings settings)
    {
        var errors = new List<Error>();
        if (settings.CollectPhone) CheckPhone(errors);
        if (settings.CollectBillingAddress) CheckAddress(BillingAddress, "billing_address", errors);
        if (settings.CollectShippingAddress) CheckAddress(ShippingAddress, "shipping_address", errors);
        var answers = CustomFields ?? new Dictionary<string, string>();
        foreach (var key in answers.Keys.Where(k => settings.CustomFields.All(f => f.Key != k)))
            errors.Add(Error.Invalid($"custom_fields.{key}", $"This checkout has no question '{key}'."));
        foreach (var field in settings.CustomFields)
        {
            var posted = answers.GetValueOrDefault(field.Key);
            var answer = posted?.Trim();
            var param = $"custom_fields.{field.Key}";
            if (!Validation.NoControlCharacters(posted)) errors.Add(Error.Invalid(param, $"'{field.Label}' cannot contain control characters."));
            else if (string.IsNullOrEmpty(answer) || (field.Type == CustomFieldType.Checkbox && answer != "true"))
            {
                if (field.Required) errors.Add(Error.Missing(param, field.Type == CustomFieldType.Checkbox ? $"Tick '{field.Label}' to continue." : $"Answer '{field.Label}'."));
            }
            else if (answer.Length > 500) errors.Add(Error.Invalid(param, $"'{field.Label}' has at most 500 characters."));
            else if (field.Type == CustomFieldType.Number && !decimal.TryParse(answer, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                errors.Add(Error.Invalid(param, $"'{field.Label}' must be a number."));
            else if (field.Type == CustomFieldType.Date && !DateOnly.TryParseExact(answer, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors.Add(Error.Invalid(param, $"'{field.Label}' must be a date (YYYY-MM-DD)."));
        }
        return errors;
    }

    private void CheckPhone(List<Error> errors)
    {
        if (!Validation.NoControlCharacters(Phone)) errors.Add(Error.Invalid("customer_phone", "A phone number cannot contain control characters."));
        else if (string.IsNullOrWhiteSpace(Phone)) errors.Add(Error.Missing("customer_phone", "Enter a phone number."));
        else if (Phone.Length > 40) errors.Add(Error.Invalid("customer_phone", "A phone number has at most 40 characters."));
    }

    private static readonly (string Field, string Name, Func<Address, string?> Read)[] AddressFields =
    [
        ("line1", "The street address", a => a.Line1), ("line2", "The apartment or suite", a => a.Line2), ("city", "The city", a => a.City),
        ("postal_code", "The postal code", a => a.PostalCode), ("country", "The country", a => a.Country), ("state", "The state or province", a => a.State),
    ];

    private static void CheckAddress(Address? address, string prefix, List<Error> errors)
    {
        foreach (var (field, name, read) in AddressFields)
        {
            var value = address is null ? null : read(address);
            var param = $"{prefix}.{field}";
            var error = !Validation.NoControlCharacters(value) ? Error.Invalid(param, $"{name} cannot contain control characters.")
                : AddressFieldError(field, param, value) ?? (value is { Length: > 200 } ? Error.Invalid(param, "At most 200 characters.") : null);
            if (error is not null) errors.Add(error);
        }
    }

    private static Error? AddressFieldError(string field, string param, string? value) => field switch
    {
        "line1" when string.IsNullOrWhiteSpace(value) => Error.Missing(param, "Enter the street address."),
        "city" when string.IsNullOrWhiteSpace(value) => Error.Missing(param, "Enter the city."),
        "postal_code" when string.IsNullOrWhiteSpace(value) => Error.Missing(param, "Enter the postal code."),
        "country" when value is not { Length: 2 } || !value.All(char.IsAsciiLetter) => Error.Invalid(param, "Choose the country (two letters, e.g. US)."),
        "state" when !string.IsNullOrWhiteSpace(value) && !TaxRate.IsRegionCode(value.Trim()) =>
            Error.Invalid(param, "A state or province is a code of one to three letters, e.g. CA."),
        _ => null,
    };
}
