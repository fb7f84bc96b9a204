namespace Numi.Core.Invoices;

/// <summary>Stripe's invoice statuses, stored as text. Renewals make invoices open at once (a draft is only ever a
/// step that nothing charges); paid, void and uncollectible are where an invoice ends.</summary>
public enum InvoiceStatus { Draft, Open, Paid, Void, Uncollectible }
