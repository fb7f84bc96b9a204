namespace Numi.Core.Catalog;

public enum PriceType { OneTime, Recurring }

public enum PriceInterval { Day, Week, Month, Year }

/// <summary>A list price is the catalog's public price; a custom price is a negotiated override of one.</summary>
public enum PriceScope { List, Custom }
