using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Clocks;
using Numi.Infrastructure.Clocks;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Security;

namespace Numi.Web.Tests.Admin;

/// <summary>The clock's page over HTTP: a platform admin's page outside Production, refused to others, and absent in
/// Production, where the clock is the system's whatever the database says.</summary>
[Collection(AppCollection.Name)]
public sealed class ClockPageTests(NumiFactory factory)
{
    [Fact]
    public async Task Platform_admin_sees_the_clock_page_and_its_link()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsPlatformAdminAsync();

        var page = await admin.GetPageAsync("/admin/clock");

        Assert.Contains("Numi's clock", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("Clock (admin)", page.QuerySelector("nav[aria-label=Main]")?.TextContent);
    }

    [Fact]
    public async Task Others_may_not_see_the_clock()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        using var response = await owner.Client.GetAsync("/admin/clock");

        Assert.True(response.IsAccessDenied(), $"Non-admin got {(int)response.StatusCode}");
        Assert.DoesNotContain("Clock (admin)", (await owner.GetPageAsync("/")).QuerySelector("nav[aria-label=Main]")?.TextContent);
    }

    [Fact]
    public void Numis_clock_is_controllable_while_libraries_keep_the_systems_time()
    {
        var clock = factory.Services.GetRequiredService<ControllableClock>();

        // Quartz and authentication read the container's TimeProvider: a moved clock there stalls the jobs.
        Assert.Same(TimeProvider.System, factory.Services.GetRequiredService<TimeProvider>());
        Assert.True(clock.Controllable);
    }
}

/// <summary>Production: the page answers 404 to an admin, the navigation has no link to it, and neither the store nor a
/// row in the table moves the clock.</summary>
public sealed class ClockInProductionTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task The_clock_page_is_absent_and_the_offset_stays_zero()
    {
        using var admin = factory.CreateBrowser(new Uri(ProductionFactory.Origin));
        await admin.SignInAsPlatformAdminAsync();

        using var response = await admin.Client.GetAsync("/admin/clock");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // No link leads to the missing page; the outbox's shows the navigation is the platform admin's.
        var nav = (await admin.GetPageAsync("/admin/outbox")).QuerySelector("nav[aria-label=Main]")!;
        Assert.Contains("admin/outbox", nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("admin/clock", nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("Clock (admin)", nav.TextContent);
        var clock = factory.Services.GetRequiredService<ControllableClock>();
        Assert.False(clock.Controllable);
        await using var scope = factory.Services.CreateAsyncScope();
        var moved = await scope.ServiceProvider.GetRequiredService<ClockStore>().AdvanceAsync(1, ClockUnit.Months, "admin", default);
        Assert.False(moved.Succeeded);
        // A row left by a test environment on the same database does not move Production's clock either.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO clock_settings (\"Id\", \"OffsetSeconds\", \"ChangedAt\", \"ChangedBy\") VALUES (1, 2592000, '2026-01-01 00:00:00', 'x')"));
        await factory.Services.GetRequiredService<ClockSync>().RefreshAsync(default);
        Assert.Equal(TimeSpan.Zero, clock.Offset);
        Assert.InRange(clock.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(-1), TimeSpan.FromMinutes(1));
    }
}
