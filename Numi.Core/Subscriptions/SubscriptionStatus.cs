namespace Numi.Core.Subscriptions;

/// <summary>Stored as text. Renewals and dunning (later issues) add past due and canceled.</summary>
public enum SubscriptionStatus { Active }
