namespace Numi.Core.Invoices;

/// <summary>What an invoice bills: a renewal bills a whole period; a proration bills a plan change in the middle of one
/// (unused time on the old price credited, remaining time on the new one charged). The kind is part of the
/// (subscription, kind, period start) unique key, so a proration that starts where a renewal does is no second renewal.</summary>
public enum InvoiceKind { Renewal, Proration }
