namespace Numi.Core.Checkout;

/// <summary>What the shopper picked in one slot: which of its prices, how many.</summary>
public sealed record SlotChoice(Guid Price, int Quantity);
