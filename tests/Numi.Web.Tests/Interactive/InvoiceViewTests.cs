using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Invoices;
using Numi.Web.Features.Invoices;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Invoices;

namespace Numi.Web.Tests.Interactive;

/// <summary>The invoice page against the real database: details, lines and totals, each payment attempt with its time,
/// outcome and reason, the next retry with the reason the API gives, the PDF link, voiding after a confirmation, refunding
/// a paid invoice from a dialog (its credit notes listed), and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class InvoiceViewTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private async Task<(CircuitPerson Person, string Subscription, string Invoice, HttpClient Api)> RenewedAsync(string card)
    {
        var person = await factory.SignUpPersonAsync();
        var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(person.OrganizationId));
        var (subscription, invoice) = await factory.RenewedAsync(person.OrganizationId, api, card);
        return (person, subscription, invoice, api);
    }

    private async Task<IRenderedComponent<InvoiceView>> OpenAsync(CircuitPerson person, string id)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        var view = RenderInteractive<InvoiceView>(p => p.Add(x => x.Id, id));
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid=invoice-details], [role=status]")));
        return view;
    }

    private void Answer(string question, string button)
    {
        _dialogs.WaitForAssertion(() => Assert.Contains(question, _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();
    }

    [Fact]
    public async Task A_declined_invoice_shows_its_lines_totals_attempt_and_next_retry_with_the_apis_reason()
    {
        var (person, subscription, id, api) = await RenewedAsync("pm_card_chargeCustomerFail");
        using var _api = api;
        var reason = (await api.GetFromJsonElementAsync($"/api/v1/invoices/{id}")).GetProperty("retry_reason").GetString()!;

        var view = await OpenAsync(person, id);

        Assert.Equal("open", view.Find("[data-testid=invoice-status]").TextContent.Trim());
        Assert.Equal($"subscriptions/{subscription}", view.Find("[data-testid=invoice-subscription]").GetAttribute("href"));
        var line = Assert.Single(view.FindAll("[data-testid=invoice-line]")).TextContent;
        Assert.Contains("$22.00", line);
        Assert.Contains("$44.00", line);
        Assert.Equal("$44.00", view.Find("[data-testid=invoice-total]").TextContent.Trim());
        var attempt = Assert.Single(view.FindAll("[data-testid=invoice-attempt]")).TextContent;
        Assert.Contains("declined", attempt);
        Assert.Contains("soft decline", attempt);
        Assert.Contains("(generic_decline)", attempt);
        Assert.Contains(reason, view.Find("[data-testid=next-attempt]").TextContent);
        Assert.Equal($"api/v1/invoices/{id}/pdf", view.Find("[data-testid=invoice-pdf]").GetAttribute("href"));
        Assert.NotNull(view.Find("[data-testid=void]"));
        Assert.Empty(view.FindAll("[data-testid=refund]"));
    }

    [Fact]
    public async Task A_paid_invoice_shows_its_paid_attempt_and_cannot_be_voided()
    {
        var (person, _, id, api) = await RenewedAsync("pm_card_visa");
        using var _api = api;

        var view = await OpenAsync(person, id);

        Assert.Equal("paid", view.Find("[data-testid=invoice-status]").TextContent.Trim());
        Assert.Contains("paid", Assert.Single(view.FindAll("[data-testid=invoice-attempt]")).TextContent);
        Assert.Empty(view.FindAll("[data-testid=next-attempt]"));
        Assert.Empty(view.FindAll("[data-testid=void]"));
    }

    [Fact]
    public async Task Voiding_asks_first_then_the_invoice_is_void()
    {
        var (person, _, id, api) = await RenewedAsync("pm_card_chargeCustomerFail");
        using var _api = api;
        var view = await OpenAsync(person, id);

        view.Find("[data-testid=void]").Click();
        Answer("Void INV-000001?", "Back");
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Void INV-000001?", _dialogs.Markup));
        Assert.Equal(InvoiceStatus.Open, await StatusAsync(person));

        view.Find("[data-testid=void]").Click();
        Answer("Void INV-000001?", "Void invoice");

        view.WaitForAssertion(() => Assert.Equal("void", view.Find("[data-testid=invoice-status]").TextContent.Trim()));
        Assert.Equal(InvoiceStatus.Void, await StatusAsync(person));
        Assert.Empty(view.FindAll("[data-testid=void]"));
        Assert.Empty(view.FindAll("[data-testid=next-attempt]"));
    }

    [Fact]
    public async Task Another_organizations_invoice_is_not_found()
    {
        var (_, _, theirs, api) = await RenewedAsync("pm_card_visa");
        using var _api = api;
        var me = await factory.SignUpPersonAsync();

        var view = await OpenAsync(me, theirs);

        Assert.Contains("There is no such invoice", view.Markup);
        Assert.DoesNotContain("INV-000001", view.Markup);
    }

    [Fact]
    public async Task A_paid_invoice_is_refunded_from_a_dialog_that_shows_refusals_inline_and_its_credit_note_is_listed()
    {
        var (person, _, id, api) = await RenewedAsync("pm_card_visa");
        using var _api = api;
        var view = await OpenAsync(person, id);
        Assert.Empty(view.FindAll("[data-testid=credit-note]"));

        view.Find("[data-testid=refund]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("44.00", _dialogs.Find("input[data-testid=credit-amount]").GetAttribute("value")));
        Assert.Equal("Refund $44.00", _dialogs.Find("[data-testid=credit-submit]").TextContent.Trim());
        _dialogs.Find("input[data-testid=credit-amount]").Input("50");
        _dialogs.Find("[data-testid=credit-submit]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("At most $44.00 is left to credit on this invoice.", DialogErrors()));
        Assert.Equal(0L, await CreditedAsync(person));

        _dialogs.Find("input[data-testid=credit-amount]").Input("15");
        _dialogs.Find("input[data-testid=credit-reason]").Input("Damaged in transit");
        _dialogs.WaitForAssertion(() => Assert.Equal("Refund $15.00", _dialogs.Find("[data-testid=credit-submit]").TextContent.Trim()));
        _dialogs.Find("[data-testid=credit-submit]").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=credit-submit]")));
        view.WaitForAssertion(() => Assert.Contains("$15.00", Assert.Single(view.FindAll("[data-testid=credit-note]")).TextContent));
        Assert.Contains("Damaged in transit", view.Find("[data-testid=credit-note]").TextContent);
        Assert.Equal(1_500L, await CreditedAsync(person));
        Assert.NotNull(view.Find("[data-testid=refund]"));
    }

    [Fact]
    public async Task Going_back_from_the_refund_dialog_refunds_nothing()
    {
        var (person, _, id, api) = await RenewedAsync("pm_card_visa");
        using var _api = api;
        var view = await OpenAsync(person, id);

        view.Find("[data-testid=refund]").Click();
        Answer("Refund INV-000001", "Back");

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=credit-submit]")));
        Assert.Equal(0L, await CreditedAsync(person));
        Assert.Empty(view.FindAll("[data-testid=credit-note]"));
    }

    private string DialogErrors() =>
        string.Join(" ", _dialogs.FindAll(".mud-input-helper-text.mud-input-error, [data-testid=credit-error]").Select(e => e.TextContent.Trim()));

    private Task<long> CreditedAsync(CircuitPerson person) =>
        factory.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.OrganizationId == person.OrganizationId).Select(i => i.AmountCredited).SingleAsync());

    private Task<InvoiceStatus> StatusAsync(CircuitPerson person) =>
        factory.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.OrganizationId == person.OrganizationId).Select(i => i.Status).SingleAsync());
}
