namespace Numi.Web.Features.Account;

/// <summary>Form fields for a new organization (bound from the posted form).</summary>
public class OrganizationInput
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string DefaultCurrency { get; set; } = "usd";
    public string TimeZone { get; set; } = "UTC";
}
