using Numi.Core.Common;

namespace Numi.Core.Customers;

/// <summary>Someone who has paid the merchant, matched by email (case-insensitive) across checkouts.</summary>
public sealed class Customer : IOrganizationOwned, ICreatedInOrder
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Email { get; private set; } = "";
    /// <summary>Lower-case email, unique in the organization.</summary>
    public string EmailKey { get; private set; } = "";
    public string? Name { get; private set; }
    public string? Phone { get; private set; }
    /// <summary>The payment method saved at the first payment, for later off-session charges (one-click upsell, renewals).</summary>
    public string? DefaultPaymentMethod { get; private set; }
    /// <summary>The customer's one Stripe customer (<c>cus_…</c>) in an organization that takes payments through Stripe;
    /// set once, by the first payment that links it, and kept.</summary>
    public string? StripeCustomerId { get; private set; }
    /// <summary>Set by the merchant: checkouts with this customer's email pay no tax.</summary>
    public bool TaxExempt { get; private set; }
    /// <summary>The customer's own IANA time zone, when the merchant knows it: the plan's retry window is then read in it
    /// (09:00 is the customer's morning) instead of the plan's zone. Null when unknown.</summary>
    public string? TimeZone { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Customer() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.Customer, Id);

    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();

    public static Customer Create(string email, string? name, string? phone, DateTime now) => new()
    {
        Email = email.Trim(),
        EmailKey = KeyOf(email),
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
        CreatedAt = now,
    };

    public void SetTaxExempt(bool exempt) => TaxExempt = exempt;

    /// <summary>Sets the customer's zone (a known IANA id, checked by <see cref="SetCustomerTimeZoneValidator"/>), or
    /// forgets it with null or blank.</summary>
    public void SetTimeZone(string? timeZone) => TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();

    /// <summary>A later checkout may bring a name or phone the first one did not, and a newer payment method.</summary>
    public void Seen(string? name, string? phone, string? paymentMethod)
    {
        if (!string.IsNullOrWhiteSpace(name)) Name = name.Trim();
        if (!string.IsNullOrWhiteSpace(phone)) Phone = phone.Trim();
        if (!string.IsNullOrWhiteSpace(paymentMethod)) DefaultPaymentMethod = paymentMethod;
    }
}
