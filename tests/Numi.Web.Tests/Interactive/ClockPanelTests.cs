using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Numi.Core.Clocks;
using Numi.Web.Features.Admin;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>An app of its own: moving its clock must not move the shared app's.</summary>
public sealed class ClockAppFactory : NumiFactory;

/// <summary>The admin's clock panel against the real app: a move changes Numi's clock and the stored offset,
/// a bad amount shows under its field, and reset asks first.</summary>
public sealed class ClockPanelTests(ClockAppFactory factory) : InteractiveTestContext, IClassFixture<ClockAppFactory>
{
    private ControllableClock AppClock => factory.Services.GetRequiredService<ControllableClock>();

    private Task<long?> StoredOffsetAsync() =>
        factory.WithDbAsync(db => db.Set<ClockSetting>().Select(c => (long?)c.OffsetSeconds).SingleOrDefaultAsync());

    private async Task<IRenderedComponent<ClockPanel>> OpenAsync()
    {
        var person = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(person));
        Render<MudSnackbarProvider>();
        var panel = RenderInteractive<ClockPanel>();
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=clock-now]")));
        return panel;
    }

    [Fact]
    public async Task Moving_a_month_moves_the_apps_clock_and_reset_after_confirming_brings_it_back()
    {
        var panel = await OpenAsync();
        var dialogs = Render<MudDialogProvider>();
        var before = DateTimeOffset.UtcNow;

        panel.Find("[data-testid=advance-month]").Click();

        panel.WaitForAssertion(() => Assert.DoesNotContain("nothing", panel.Find("[data-testid=clock-offset]").TextContent));
        var expected = before.AddMonths(1);
        Assert.InRange(AppClock.GetUtcNow(), expected.AddMinutes(-1), expected.AddMinutes(1));
        var stored = TimeSpan.FromSeconds((await StoredOffsetAsync())!.Value);
        Assert.InRange(stored, TimeSpan.FromDays(28), TimeSpan.FromDays(31));
        Assert.Contains($"{stored.Days} days", panel.Find("[data-testid=clock-offset]").TextContent);

        panel.Find("[data-testid=advance-hour]").Click();
        panel.WaitForAssertion(() => Assert.Equal((long)(stored + TimeSpan.FromHours(1)).TotalSeconds, StoredOffsetAsync().GetAwaiter().GetResult()));

        panel.Find("[data-testid=reset]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Reset Numi's clock?", dialogs.Markup));
        Assert.NotEqual(0, await StoredOffsetAsync());
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Reset").Click();

        panel.WaitForAssertion(() => Assert.Contains("nothing (system time)", panel.Find("[data-testid=clock-offset]").TextContent));
        Assert.Equal(0, await StoredOffsetAsync());
        Assert.InRange(AppClock.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(-1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_month_later_the_admin_is_still_signed_in_and_pages_read_the_moved_clock()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsPlatformAdminAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<Numi.Infrastructure.Clocks.ClockStore>().AdvanceAsync(1, ClockUnit.Months, null, default)).Succeeded);
        try
        {
            var page = await admin.GetPageAsync("/admin/clock");

            var shown = DateTime.ParseExact(page.QuerySelector("[data-testid=clock-now]")!.TextContent.Trim(), "ddd d MMM yyyy HH:mm:ss 'UTC'",
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(shown, DateTime.UtcNow.AddDays(27), DateTime.UtcNow.AddDays(32));
        }
        finally
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Numi.Infrastructure.Clocks.ClockStore>().ResetAsync(null, default);
        }
    }

    [Fact]
    public async Task An_amount_out_of_range_shows_under_its_field_and_moves_nothing()
    {
        var panel = await OpenAsync();
        var offset = await StoredOffsetAsync();

        panel.Find("#clock-amount").Change("0");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Move the clock forward by 1 to 1000 days.",
            panel.Find("#clock-amount").Closest(".mud-input-control")!.TextContent));
        Assert.Equal(offset, await StoredOffsetAsync());
    }
}
