using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Web.Features.FunnelRuntime;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>A shopper's walk through a funnel in tests: posting a step's buttons, paying its checkout, following redirects,
/// and reading back its sessions and events.</summary>
internal static class FunnelWalk
{
    /// <summary>Posts the step's form with the button <paramref name="action"/>; returns where it redirects.</summary>
    public static async Task<string> AdvanceAsync(Browser shopper, string path, string action)
    {
        var form = await shopper.GetFormAsync(path, "funnel");
        form.Fields["Input.Action"] = action;
        using var posted = await shopper.PostAsync(form);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"POST {path} ({action}) answered {(int)posted.StatusCode}: {Browser.Truncate(await posted.Content.ReadAsStringAsync())}");
        return PathOf(posted);
    }

    /// <summary>Pays on the funnel's checkout step (the offer's checkout form, no session yet) with 4242 as a first post
    /// without JavaScript, and follows the answer back into the funnel; returns the step it lands on.</summary>
    public static async Task<string> PayAndReturnAsync(Browser shopper, string checkoutStep)
    {
        var form = await shopper.GetFormAsync(checkoutStep, "checkout");
        foreach (var (name, value) in CheckoutSteps.Payment()) form.Fields[name] = value!;
        using var paid = await shopper.PostAsync(form);
        Assert.True(paid.StatusCode == HttpStatusCode.Redirect, $"Pay on {checkoutStep} answered {(int)paid.StatusCode}: {Browser.Truncate(await paid.Content.ReadAsStringAsync())}");
        var next = PathOf(paid);
        Assert.EndsWith("/" + FunnelPage.NextStep, next, StringComparison.Ordinal);
        using var back = await shopper.Client.GetAsync(next);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return PathOf(back);
    }

    /// <summary>The path a redirect leads to (Blazor's redirects are absolute).</summary>
    public static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : redirect.Headers.Location!.OriginalString;

    public static Task<List<FunnelSession>> SessionsAsync(NumiFactory factory, FunnelShop funnel) => FunnelShop.SessionsAsync(factory, funnel.FunnelKey);

    /// <summary>The session's stored event kinds once there are <paramref name="count"/>: the writer stores batches in
    /// the background (within its one-second window), so the test waits for it, without timing anything.</summary>
    public static async Task<List<FunnelEventKind>> EventuallyAsync(NumiFactory factory, Guid sessionId, int count)
    {
        for (var tries = 0; ; tries++)
        {
            var kinds = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.FunnelSessionId == sessionId).Select(e => e.Kind).ToListAsync());
            if (kinds.Count >= count || tries == 300) return kinds;
            await Task.Delay(100);
        }
    }
}
