using Numi.Core.Offers;

namespace Numi.Web.Features.Offers;

public sealed class PaymentInput
{
    public bool CollectPhone { get; set; }
    public bool CollectBillingAddress { get; set; }
    public bool CollectShippingAddress { get; set; }
    public List<FieldRow> Fields { get; set; } = [];

    public sealed class FieldRow
    {
        public string? Key { get; set; }
        public string? Label { get; set; }
        public CustomFieldType Type { get; set; }
        public bool Required { get; set; }
    }

    public OfferPaymentSettings ToSettings() => new()
    {
        CollectPhone = CollectPhone,
        CollectBillingAddress = CollectBillingAddress,
        CollectShippingAddress = CollectShippingAddress,
        CustomFields = [.. Fields.Select(f => new CustomField(f.Key?.Trim() ?? "", f.Label?.Trim() ?? "", f.Type, f.Required))],
    };

    public static PaymentInput From(OfferPaymentSettings p) => new()
    {
        CollectPhone = p.CollectPhone, CollectBillingAddress = p.CollectBillingAddress, CollectShippingAddress = p.CollectShippingAddress,
        Fields = [.. p.CustomFields.Select(f => new FieldRow { Key = f.Key, Label = f.Label, Type = f.Type, Required = f.Required })],
    };
}
