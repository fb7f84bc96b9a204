namespace Numi.Core.Subscriptions;

/// <summary>Stripe's subscription statuses, stored as text. Checkout starts subscriptions active; trials, renewals and
/// dunning move them into trialing, past_due and unpaid; one the API starts without a trial is incomplete until its
/// first period is paid.</summary>
public enum SubscriptionStatus { Active, Trialing, PastDue, Paused, Canceled, Unpaid, Incomplete }
