namespace Numi.Core.Subscriptions;

/// <summary>Stripe's subscription statuses, stored as text. Checkout starts subscriptions active; trials, renewals and
/// dunning (later slices of issue 13) move them into trialing, past_due, unpaid and incomplete.</summary>
public enum SubscriptionStatus { Active, Trialing, PastDue, Paused, Canceled, Unpaid, Incomplete }
