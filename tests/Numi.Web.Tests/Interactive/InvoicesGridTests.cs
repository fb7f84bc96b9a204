using Bunit;
using Numi.Web.Features.Invoices;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Invoices;

namespace Numi.Web.Tests.Interactive;

/// <summary>The invoice list against the real database: empty state, newest first with number, customer, total and
/// status, the status filter (an unknown one matches nothing), and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class InvoicesGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<InvoicesGrid>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<InvoicesGrid>(p => p.Add(x => x.Initial, InvoiceFilter.Any));
    }

    private static List<string> Rows(IRenderedComponent<InvoicesGrid> grid) =>
        grid.FindAll("[data-testid=invoice-table] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();

    [Fact]
    public async Task A_merchant_without_invoices_sees_where_they_come_from()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SubscribeAsync(person, "ana@example.com");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No invoices yet", grid.Markup));
        Assert.NotNull(grid.Find("a[href=subscriptions]"));
        Assert.Empty(grid.FindAll("[data-testid=invoice-table]"));
    }

    [Fact]
    public async Task Invoices_list_newest_first_and_filter_by_status_inside_the_organization()
    {
        var person = await factory.SignUpPersonAsync();
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(person.OrganizationId));
        var (_, paid) = await factory.RenewedAsync(person.OrganizationId, api, "pm_card_visa");
        var (_, open) = await factory.RenewedAsync(person.OrganizationId, api, "pm_card_chargeCustomerFail");
        var stranger = await factory.SignUpPersonAsync();
        using var theirApi = factory.CreateApiClient(await factory.CreateApiKeyAsync(stranger.OrganizationId));
        await factory.RenewedAsync(stranger.OrganizationId, theirApi, "pm_card_visa");

        var all = await OpenAsync(person);
        all.WaitForAssertion(() => Assert.Equal(2, Rows(all).Count));
        Assert.Contains("INV-000002", Rows(all)[0]);
        Assert.Contains("open", Rows(all)[0]);
        Assert.Contains("$44.00", Rows(all)[0]);
        Assert.Contains("INV-000001", Rows(all)[1]);
        Assert.Contains("paid", Rows(all)[1]);
        Assert.NotNull(all.Find($"a[href='invoices/{open}']"));
        Assert.NotNull(all.Find($"a[href='invoices/{paid}']"));
        await DisposeComponentsAsync();

        var onlyPaid = RenderInteractive<InvoicesGrid>(p => p.Add(x => x.Initial, InvoiceFilter.FromQuery("Paid")));
        onlyPaid.WaitForAssertion(() => Assert.Contains("INV-000001", Assert.Single(Rows(onlyPaid))));
        await DisposeComponentsAsync();

        var unknown = RenderInteractive<InvoicesGrid>(p => p.Add(x => x.Initial, InvoiceFilter.FromQuery("late")));
        unknown.WaitForAssertion(() => Assert.NotNull(unknown.Find("[data-testid=no-match]")));
        Assert.Empty(Rows(unknown));
    }
}
