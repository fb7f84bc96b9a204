using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Web.Features.Customers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The customer page against the real database: their orders and subscriptions, the tax exemption changed
/// after a confirmation (cancel changes nothing), and only the person's own organization's customers.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerViewTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<CustomerView>> OpenAsync(CircuitPerson person, string customerId)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var view = Render<CustomerView>(p => p.Add(x => x.Id, customerId));
        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=customer-orders]")));
        return view;
    }

    private Task<bool> StoredExemptAsync(string customerId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Customer, customerId, out var key));
        return factory.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == key).Select(c => c.TaxExempt).SingleAsync());
    }

    private void Answer(string button) => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public async Task The_customer_shows_their_orders_and_subscriptions()
    {
        var person = await factory.SignUpPersonAsync();
        var orders = await factory.BuyAsync(person, "ann@example.com", "Ann@Example.com");
        var subscribed = await factory.SubscribeAsync(person, "ANN@example.com");

        var view = await OpenAsync(person, orders[0].Customer());

        Assert.Equal(orders[0].Customer(), subscribed.Customer());
        Assert.Equal(3, view.FindAll("[data-testid=customer-orders] tbody tr").Count);
        Assert.NotNull(view.Find($"[data-testid=customer-orders] a[href='orders/{orders[1].Id()}']"));
        Assert.Contains("Coffee Club", view.Find("[data-testid=subscription-table]").TextContent);
        Assert.Equal("ann@example.com", view.Find("h1").TextContent.Trim());
    }

    [Fact]
    public async Task The_tax_exemption_changes_only_after_confirmation_and_says_so()
    {
        var person = await factory.SignUpPersonAsync();
        var customer = (await factory.BuyAsync(person, "school@example.com"))[0].Customer();
        var view = await OpenAsync(person, customer);
        Assert.Equal("Pays tax", view.Find("[data-testid=tax-state]").TextContent.Trim());

        view.Find("button[data-testid=tax-exempt-change]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Mark school@example.com tax exempt?", _dialogs.Markup));
        Answer("Cancel");
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("tax exempt?", _dialogs.Markup));
        Assert.False(await StoredExemptAsync(customer));
        Assert.Equal("Pays tax", view.Find("[data-testid=tax-state]").TextContent.Trim());

        view.Find("button[data-testid=tax-exempt-change]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Mark school@example.com tax exempt?", _dialogs.Markup));
        Answer("Change");
        view.WaitForAssertion(() => Assert.Equal("Tax exempt", view.Find("[data-testid=tax-state]").TextContent.Trim()));
        _snackbars.WaitForAssertion(() => Assert.Contains("Marked tax exempt.", _snackbars.Markup));
        Assert.True(await StoredExemptAsync(customer));

        view.Find("button[data-testid=tax-exempt-change]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Remove the tax exemption of school@example.com?", _dialogs.Markup));
        Answer("Change");
        view.WaitForAssertion(() => Assert.Equal("Pays tax", view.Find("[data-testid=tax-state]").TextContent.Trim()));
        _snackbars.WaitForAssertion(() => Assert.Contains("No longer tax exempt.", _snackbars.Markup));
        Assert.False(await StoredExemptAsync(customer));
    }

    [Fact]
    public async Task The_customers_time_zone_is_set_with_a_clear_message_when_it_is_not_an_iana_zone_and_cleared()
    {
        var person = await factory.SignUpPersonAsync();
        var customer = (await factory.BuyAsync(person, "kenji@example.com"))[0].Customer();
        var view = await OpenAsync(person, customer);
        Assert.Equal("Unknown: retries are planned in the plan's time zone", view.Find("[data-testid=time-zone-state]").TextContent.Trim());

        view.Find("#customer-time-zone-input").Change("Tokyo");
        view.Find("button[data-testid=time-zone-save]").Click();
        view.WaitForAssertion(() => Assert.Contains(
            "'Tokyo' is not an IANA time zone such as Asia/Tokyo or America/Chicago; leave it empty when the customer's zone is unknown.",
            view.Find("[data-testid=customer-time-zone]").TextContent));
        Assert.Null(await StoredZoneAsync(customer));

        view.Find("#customer-time-zone-input").Change("Asia/Tokyo");
        view.Find("button[data-testid=time-zone-save]").Click();
        view.WaitForAssertion(() => Assert.Equal("Retries are planned in Asia/Tokyo", view.Find("[data-testid=time-zone-state]").TextContent.Trim()));
        _snackbars.WaitForAssertion(() => Assert.Contains("Time zone set to Asia/Tokyo.", _snackbars.Markup));
        Assert.Equal("Asia/Tokyo", await StoredZoneAsync(customer));

        view.Find("#customer-time-zone-input").Change("");
        view.Find("button[data-testid=time-zone-save]").Click();
        view.WaitForAssertion(() => Assert.Equal("Unknown: retries are planned in the plan's time zone", view.Find("[data-testid=time-zone-state]").TextContent.Trim()));
        Assert.Null(await StoredZoneAsync(customer));
    }

    private Task<string?> StoredZoneAsync(string customerId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Customer, customerId, out var key));
        return factory.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == key).Select(c => c.TimeZone).SingleAsync());
    }

    [Fact]
    public async Task Another_organizations_customer_is_not_found_and_shows_nothing_of_them()
    {
        var seller = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        var customer = (await factory.BuyAsync(seller, "secret-buyer@example.com"))[0].Customer();
        UseApp(factory, await factory.PrincipalAsync(other));
        var notFound = false;
        Navigation.OnNotFound += (_, _) => notFound = true;
        SetRendererInfo(new RendererInfo("Static", isInteractive: false)); // while prerendering

        var view = Render<CustomerView>(p => p.Add(x => x.Id, customer));

        view.WaitForAssertion(() => Assert.Contains("There is no such customer", view.Markup));
        Assert.True(notFound);
        Assert.DoesNotContain("secret-buyer", view.Markup);
        Assert.Empty(view.FindAll("[data-testid=tax-exempt-change]"));
    }

    /// <summary>Once interactive there is no router to show the not-found page: the view's own panel says it.</summary>
    [Fact]
    public async Task Once_interactive_an_unknown_customer_shows_the_panel_without_asking_the_router()
    {
        var person = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(person));
        var notFound = false;
        Navigation.OnNotFound += (_, _) => notFound = true;

        var view = RenderInteractive<CustomerView>(p => p.Add(x => x.Id, PublicId.Format(IdPrefixes.Customer, Guid.CreateVersion7())));

        view.WaitForAssertion(() => Assert.Contains("There is no such customer", view.Markup));
        Assert.False(notFound);
    }

    /// <summary>As in <see cref="PersistentStateTests"/>: a first render stands for the prerender, its state is persisted
    /// (serialized) and restored, and a second render stands for the interactive one. An exemption set in between would
    /// show if the customer were read again; a change made from the handed-over page reads them again.</summary>
    [Fact]
    public async Task The_interactive_render_shows_the_prerendered_customer_without_reading_them_again()
    {
        var state = AddBunitPersistentComponentState();
        Services.AddSupplyValueFromPersistentComponentStateProvider();
        var person = await factory.SignUpPersonAsync();
        var orders = await factory.BuyAsync(person, "school@example.com", "School@example.com");
        var customer = orders[0].Customer();
        var prerendered = await OpenAsync(person, customer);
        Assert.Equal("Pays tax", prerendered.Find("[data-testid=tax-state]").TextContent.Trim());

        state.TriggerOnPersisting();
        await DisposeComponentsAsync();
        await factory.WithDbAsync(async db =>
        {
            Assert.True(PublicId.TryParse(IdPrefixes.Customer, customer, out var key));
            (await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == key)).SetTaxExempt(true);
            await db.SaveChangesAsync();
        });
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var view = Render<CustomerView>(p => p.Add(x => x.Id, customer));

        Assert.Equal("school@example.com", view.Find("h1").TextContent.Trim());
        Assert.Equal("Pays tax", view.Find("[data-testid=tax-state]").TextContent.Trim());
        Assert.Equal(2, view.FindAll("[data-testid=customer-orders] tbody tr").Count);
        Assert.NotNull(view.Find($"[data-testid=customer-orders] a[href='orders/{orders[1].Id()}']"));
        Assert.Contains(customer, view.Markup);

        view.Find("button[data-testid=tax-exempt-change]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Mark school@example.com tax exempt?", _dialogs.Markup));
        Answer("Change");
        _snackbars.WaitForAssertion(() => Assert.Contains("Marked tax exempt.", _snackbars.Markup));
        view.WaitForAssertion(() => Assert.Equal("Tax exempt", view.Find("[data-testid=tax-state]").TextContent.Trim()));
    }
}
