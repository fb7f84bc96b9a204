namespace Numi.Core.Checkout;

/// <summary>Open: the shopper is choosing or paying. Processing: one payment attempt holds the session (so two
/// clicks cannot charge twice). Complete: paid, with its order. Expired: closed unpaid.</summary>
public enum CheckoutSessionStatus { Open, Processing, Complete, Expired }
