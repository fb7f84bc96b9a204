using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>An app whose funnel writers wait an hour before a batch: nothing a page queues (sessions, events) reaches the
/// database on its own during a test, so what the pages themselves wrote can be told apart from what they queued.</summary>
public sealed class SlowFunnelWriterFactory : NumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [.. base.Settings(), new("Numi:Funnels:BatchWindow", "01:00:00")];
}
