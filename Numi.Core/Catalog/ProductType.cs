namespace Numi.Core.Catalog;

/// <summary>What kind of thing a product is: goods or services, access billed on a schedule, or prepaid credits.</summary>
public enum ProductType { Standard, Subscription, Credits }
