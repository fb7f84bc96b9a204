using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Renews every due subscription: ends those set to end, invoices and charges the others, a batch of one
/// organization's subscriptions at a time (<see cref="RenewSubscriptionsHandler"/>). Safe on two nodes at once: the
/// invoice of a period is unique and each attempt is claimed before it is charged (see <see cref="InvoiceCollection"/>).</summary>
public sealed class RenewSubscriptionsJob(BillingSweep sweep, ILogger<RenewSubscriptionsJob> logger) : BillingJob(sweep, logger, Spec)
{
    public static readonly JobKey Key = new("renew-subscriptions", "billing");

    public static readonly BillingJobSpec Spec = new(Key, Core.Common.IdPrefixes.Subscription, AcrossTenants.DueSubscriptionsAsync,
        (services, id, ct) => services.GetRequiredService<RenewSubscriptionHandler>().HandleAsync(id, ct))
    {
        SplitOnRace = true,
        Batch = (services, ids, ct) => services.GetRequiredService<RenewSubscriptionsHandler>().HandleAsync(ids, ct),
    };
}
