namespace Numi.Infrastructure.Jobs;

/// <summary><c>Numi:Jobs:*</c>.</summary>
public sealed class JobOptions
{
    /// <summary>Run the Quartz scheduler in this process (tests of pages turn it off).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan OutboxInterval { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often idle checkout sessions past their lifetime (<c>Checkout:SessionLifetime</c>) are closed.</summary>
    public TimeSpan CheckoutExpiryInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often stored webhook events are looked at: soon after they arrive, and for retries that fell due.</summary>
    public TimeSpan WebhookInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How often due subscriptions are renewed (invoiced and charged) or ended.</summary>
    public TimeSpan RenewalInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often due payment attempts of open invoices (dunning retries) are made.</summary>
    public TimeSpan InvoiceRetryInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How many runs of each billing job (renewals, retries) may go at once across all nodes: each has a trigger
    /// of its own, Quartz gives each firing to one node, and runs at once split the due items (see BillingSweep). One
    /// node runs them side by side.</summary>
    public int BillingRunners { get; set; } = 2;
    /// <summary>How often failed invoices are looked at for a dunning step that has come due.</summary>
    public TimeSpan DunningInterval { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How often open invoices past their plan's maximum days are marked uncollectible.</summary>
    public TimeSpan InvoiceExpiryInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often paid invoices' receipts (with their PDF) are put in the outbox.</summary>
    public TimeSpan InvoiceReceiptInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How long before a trial ends its customer is reminded.</summary>
    public TimeSpan TrialReminderLead { get; set; } = TimeSpan.FromDays(3);
    /// <summary>How often trials entering <see cref="TrialReminderLead"/> are looked for.</summary>
    public TimeSpan TrialReminderInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>The time of day (UTC) of the nightly payment-pattern analysis.</summary>
    public TimeSpan PatternAnalysisAt { get; set; } = new(2, 30, 0);
    /// <summary>How long delivered mail stays in the outbox for platform admins to review.</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How long a funnel session is kept after its last change; its counts stay in the analytics' daily rollup.
    /// Past the analytics' default period (30 days), the checkout's lifetime and the funnel cookie's (36 hours).</summary>
    public TimeSpan FunnelSessionRetention { get; set; } = TimeSpan.FromDays(90);
}
