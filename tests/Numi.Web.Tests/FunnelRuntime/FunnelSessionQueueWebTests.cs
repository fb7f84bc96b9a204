using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Funnels;
using Numi.Infrastructure.Funnels;
using Numi.Web.Features.FunnelRuntime;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>A first view queues its new session instead of inserting it (<see cref="FunnelSessionQueue"/>); the
/// writers here wait an hour, so the test sees the queue before any flush.</summary>
public sealed class FunnelSessionQueueWebTests(SlowFunnelWriterFactory factory) : IClassFixture<SlowFunnelWriterFactory>
{
    [Fact]
    public async Task A_first_view_writes_no_session_and_a_view_before_the_flush_resumes_it_and_stores_it()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        var queue = factory.Services.GetRequiredService<FunnelSessionQueue>();
        using var shopper = factory.CreateBrowser();

        using var first = await shopper.Client.GetAsync(funnel.Path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = FunnelVisit.SessionCookie(funnel.FunnelKey) + "=";
        var id = Guid.ParseExact(first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(cookie, StringComparison.Ordinal))[cookie.Length..].Split(';')[0], "N");
        Assert.Empty(await StoredAsync(funnel));
        Assert.Equal(1, queue.Count);

        using var second = await shopper.Client.GetAsync(funnel.Path);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Equal(id, Assert.Single(await StoredAsync(funnel)).Id);
        Assert.Equal(0, queue.Count);

        // The resumed session walks on as a stored one: the landing's button leads to the checkout step, whose first
        // post opens the checkout session, tied to it.
        var form = await shopper.GetFormAsync(funnel.Path, "funnel");
        form.Fields["Input.Action"] = "next";
        using var posted = await shopper.PostAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var moved = Assert.Single(await StoredAsync(funnel));
        Assert.Equal((id, funnel.Checkout), (moved.Id, moved.CurrentStepKey));
        var checkout = await shopper.StartCheckoutAsync(funnel.StepPath(funnel.Checkout));
        var session = Assert.Single(await StoredAsync(funnel));
        Assert.Equal((id, SessionKey(checkout)), (session.Id, session.CheckoutSessionId));
    }

    [Fact]
    public async Task Queued_sessions_of_two_organizations_are_stored_by_one_flush_each_in_its_own()
    {
        using var alpha = await FunnelShop.CreateAsync(factory);
        using var beta = await FunnelShop.CreateAsync(factory);
        foreach (var funnel in new[] { alpha, beta, alpha })
        {
            using var shopper = factory.CreateBrowser();
            await shopper.GetPageAsync(funnel.Path);
        }
        Assert.Empty(await StoredAsync(alpha));

        await factory.Services.GetRequiredService<FunnelSessionWriter>().FlushAsync(default);

        Assert.Equal(0, factory.Services.GetRequiredService<FunnelSessionQueue>().Count);
        Assert.All(await StoredAsync(alpha), s => Assert.Equal(alpha.Shop.OrganizationId, s.OrganizationId));
        Assert.Equal(2, (await StoredAsync(alpha)).Count);
        Assert.Equal(beta.Shop.OrganizationId, Assert.Single(await StoredAsync(beta)).OrganizationId);
    }

    /// <summary>What the database holds now, without flushing the queue first.</summary>
    private Task<List<FunnelSession>> StoredAsync(FunnelShop funnel) => factory.WithDbAsync(db =>
        db.FunnelSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.FunnelId == funnel.FunnelKey).ToListAsync());
}
