using System.Globalization;

namespace Numi.Infrastructure.Stripe;

/// <summary>A request body in Stripe's form encoding: nested keys in brackets (<c>metadata[key]</c>) and lists with
/// empty brackets (<c>payment_method_types[]</c>). Fields without a value are left out.</summary>
public sealed class StripeForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public StripeForm Add(string key, string? value)
    {
        if (value is not null) _fields.Add(new(key, value));
        return this;
    }

    public StripeForm Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public StripeForm Add(string key, bool value) => Add(key, value ? "true" : "false");

    public StripeForm Metadata(string key, string? value) => Add($"metadata[{key}]", value);

    public StripeForm List(string key, params string[] values)
    {
        foreach (var value in values) Add(key + "[]", value);
        return this;
    }

    public FormUrlEncodedContent ToContent() => new(_fields);

    public string ToQuery() => string.Join('&', _fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
}
