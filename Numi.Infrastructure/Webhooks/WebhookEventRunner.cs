using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Tenancy;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Webhooks;

/// <summary>Processes the webhook events that are due, oldest first, in every organization: the sweep looks past the
/// tenant filter, and each event is then handled in a DI scope of its own where its organization is entered, so the
/// tenant filters and that organization's payment processor apply. Events one round makes due again (a refund whose
/// order the round just made) are picked up by the next round.</summary>
public sealed class WebhookEventRunner(NumiDbContext db, IServiceScopeFactory scopes, ControllableClock clock)
{
    public const int BatchSize = 100;
    private const int MaxRounds = 5;

    public async Task<WebhookRunSummary> RunAsync(CancellationToken ct)
    {
        var summary = new WebhookRunSummary();
        for (var round = 0; round < MaxRounds; round++)
        {
            var due = await DueAcrossOrganizationsAsync(ct);
            if (due.Count == 0) break;
            var progressed = false;
            foreach (var item in due)
            {
                var result = await ProcessAsync(item, ct);
                summary.Count(result);
                progressed |= result == WebhookEventResult.Processed;
            }
            if (!progressed) break;
        }
        return summary;
    }

    private Task<List<DueWebhookEvent>> DueAcrossOrganizationsAsync(CancellationToken ct) =>
        db.DueWebhookEventsAsync(clock.GetUtcNow().UtcDateTime, BatchSize, ct);

    private async Task<WebhookEventResult> ProcessAsync(DueWebhookEvent item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(item.OrganizationId, item.OrganizationName, item.OrganizationSlug);
        return await scope.ServiceProvider.GetRequiredService<ProcessWebhookEventHandler>().HandleAsync(new ProcessWebhookEvent(item.EventId), ct);
    }

}

/// <summary>What one run did.</summary>
public sealed class WebhookRunSummary
{
    public int Processed { get; private set; }
    public int Deferred { get; private set; }
    public int Abandoned { get; private set; }

    internal void Count(WebhookEventResult result)
    {
        if (result == WebhookEventResult.Processed) Processed++;
        else if (result == WebhookEventResult.Deferred) Deferred++;
        else if (result == WebhookEventResult.Abandoned) Abandoned++;
    }

    public override string ToString() => $"{Processed} processed, {Deferred} deferred, {Abandoned} abandoned";
}
