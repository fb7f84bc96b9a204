using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Web.Features.Orders;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The order page against the real database: the order as paid, refunds (validated, confirmed in a dialog,
/// announced in a snackbar, recorded in the timeline) and only the person's own organization's orders.</summary>
[Collection(AppCollection.Name)]
public sealed class OrderViewTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<OrderView>> OpenAsync(CircuitPerson person, string orderId)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var view = Render<OrderView>(p => p.Add(x => x.Id, orderId));
        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=order-total]")));
        return view;
    }

    private Task<Core.Orders.Order> StoredAsync(string orderId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Order, orderId, out var key));
        return factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Include(o => o.Refunds).SingleAsync(o => o.Id == key));
    }

    private static void Type(IRenderedComponent<OrderView> view, string testId, string text) =>
        view.Find($"input[data-testid={testId}]").Input(text);

    private static string? AmountError(IRenderedComponent<OrderView> view) =>
        view.Find("[data-testid=refund-form]").QuerySelectorAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0);

    [Fact]
    public async Task The_order_shows_its_lines_total_customer_and_payment()
    {
        var person = await factory.SignUpPersonAsync();
        var order = (await factory.BuyAsync(person, "ann@example.com"))[0];

        var view = await OpenAsync(person, order.Id());

        Assert.Equal("$24.00", view.Find("[data-testid=order-total]").TextContent.Trim());
        Assert.Contains("House Blend", view.Find("[data-testid=order-lines]").TextContent);
        Assert.Equal("Paid", view.Find("[data-testid=order-status]").TextContent.Trim());
        Assert.Equal("Order #1001", view.Find("h1").TextContent.Trim());
        Assert.Equal($"customers/{order.Customer()}", view.Find($"a[href='customers/{order.Customer()}']").GetAttribute("href"));
        Assert.Contains("ending 4242", view.Markup);
        Assert.Empty(view.FindAll("[data-testid=refund]"));
    }

    [Theory]
    [InlineData("30.00", "At most $24.00 is left to refund on this order.")]
    [InlineData("0", "A refund must be more than zero.")]
    [InlineData("12,3x", "'12,3x' is not an amount in USD.")]
    public async Task A_bad_amount_shows_its_message_under_the_field_asks_nothing_and_refunds_nothing(string amount, string message)
    {
        var person = await factory.SignUpPersonAsync();
        var order = (await factory.BuyAsync(person, "ann@example.com"))[0];
        var view = await OpenAsync(person, order.Id());

        Type(view, "refund-amount", amount);
        view.Find("button[data-testid=refund-submit]").Click();

        view.WaitForAssertion(() => Assert.Equal(message, AmountError(view)));
        Assert.DoesNotContain("Refund this order?", _dialogs.Markup);
        Assert.Empty(view.FindAll("[data-testid=refund]"));
        var stored = await StoredAsync(order.Id());
        Assert.Equal((0L, 0), (stored.AmountRefunded, stored.Refunds.Count));

        // Typing again clears the message.
        Type(view, "refund-amount", "5.00");
        view.WaitForAssertion(() => Assert.Null(AmountError(view)));
    }

    [Fact]
    public async Task The_handlers_own_error_shows_under_its_field_after_the_confirmation_and_refunds_nothing()
    {
        var person = await factory.SignUpPersonAsync();
        var order = (await factory.BuyAsync(person, "ann@example.com"))[0];
        var view = await OpenAsync(person, order.Id());

        Type(view, "refund-reason", new string('r', 201));
        view.Find("button[data-testid=refund-submit]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Give $24.00 back to ann@example.com?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Refund").Click();

        view.WaitForAssertion(() => Assert.Equal("A reason has at most 200 characters.",
            view.Find("[data-testid=refund-form]").QuerySelectorAll(".mud-input-helper-text.mud-input-error").Single().TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Empty(view.FindAll("[data-testid=refund]"));
        Assert.Equal(0, (await StoredAsync(order.Id())).AmountRefunded);
        Assert.DoesNotContain("Refunded", _snackbars.Markup);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_refunds_nothing()
    {
        var person = await factory.SignUpPersonAsync();
        var order = (await factory.BuyAsync(person, "ann@example.com"))[0];
        var view = await OpenAsync(person, order.Id());

        Type(view, "refund-amount", "5.00");
        view.Find("button[data-testid=refund-submit]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Give $5.00 back to ann@example.com?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Refund this order?", _dialogs.Markup));
        Assert.Equal("Paid", view.Find("[data-testid=order-status]").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid=refund]"));
        Assert.Equal(0, (await StoredAsync(order.Id())).AmountRefunded);
    }

    [Fact]
    public async Task A_confirmed_partial_refund_then_the_rest_show_in_the_timeline_the_status_and_a_snackbar()
    {
        var person = await factory.SignUpPersonAsync();
        var order = (await factory.BuyAsync(person, "ann@example.com"))[0];
        var view = await OpenAsync(person, order.Id());
        Assert.Equal("24.00", view.Find("input[data-testid=refund-amount]").GetAttribute("value"));

        Type(view, "refund-amount", "5.00");
        Type(view, "refund-reason", "Damaged bag");
        view.Find("button[data-testid=refund-submit]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Give $5.00 back to ann@example.com?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Refund").Click();

        view.WaitForAssertion(() => Assert.Equal("Partially refunded", view.Find("[data-testid=order-status]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("refunded $5.00 (Damaged bag)", view.Find("[data-testid=refund]").TextContent);
        _snackbars.WaitForAssertion(() => Assert.Contains("Refunded $5.00.", _snackbars.Markup));
        var partial = await StoredAsync(order.Id());
        Assert.Equal((500L, "Damaged bag"), (partial.AmountRefunded, Assert.Single(partial.Refunds).Reason));

        // The amount offered next is what is left.
        view.WaitForAssertion(() => Assert.Equal("19.00", view.Find("input[data-testid=refund-amount]").GetAttribute("value")));
        view.Find("button[data-testid=refund-submit]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Give $19.00 back", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Refund").Click();

        view.WaitForAssertion(() => Assert.Equal("Refunded", view.Find("[data-testid=order-status]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal(2, view.FindAll("[data-testid=refund]").Count);
        Assert.Empty(view.FindAll("[data-testid=refund-form]"));
        Assert.Equal(2400, (await StoredAsync(order.Id())).AmountRefunded);
    }

    [Fact]
    public async Task The_subscription_an_order_started_shows_on_it()
    {
        var person = await factory.SignUpPersonAsync();
        var order = await factory.SubscribeAsync(person, "ana@example.com");

        var view = await OpenAsync(person, order.Id());

        Assert.Contains("every month", view.Find("[data-testid=subscription-table]").TextContent);
        Assert.Contains("Coffee Club", view.Find("[data-testid=subscription-table]").TextContent);
    }

    [Fact]
    public async Task Another_organizations_order_is_not_found_and_shows_nothing_of_it()
    {
        var seller = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        var order = (await factory.BuyAsync(seller, "secret-buyer@example.com"))[0];
        UseApp(factory, await factory.PrincipalAsync(other));
        var notFound = false;
        Navigation.OnNotFound += (_, _) => notFound = true;
        SetRendererInfo(new RendererInfo("Static", isInteractive: false)); // while prerendering

        var view = Render<OrderView>(p => p.Add(x => x.Id, order.Id()));

        view.WaitForAssertion(() => Assert.Contains("There is no such order", view.Markup));
        Assert.True(notFound);
        Assert.Empty(view.FindAll("[data-testid=order-total]"));
        Assert.DoesNotContain("secret-buyer", view.Markup);
    }

    /// <summary>Once interactive there is no router to show the not-found page: the view's own panel says it.</summary>
    [Fact]
    public async Task Once_interactive_an_unknown_order_shows_the_panel_without_asking_the_router()
    {
        var person = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(person));
        var notFound = false;
        Navigation.OnNotFound += (_, _) => notFound = true;

        var view = RenderInteractive<OrderView>(p => p.Add(x => x.Id, PublicId.Format(IdPrefixes.Order, Guid.CreateVersion7())));

        view.WaitForAssertion(() => Assert.Contains("There is no such order", view.Markup));
        Assert.False(notFound);
    }

    /// <summary>As in <see cref="PersistentStateTests"/>: a first render stands for the prerender, its state is persisted
    /// (serialized) and restored, and a second render stands for the interactive one. A refund recorded in between
    /// would show if the order were read again; a refund made from the handed-over page reads it again.</summary>
    [Fact]
    public async Task The_interactive_render_shows_the_prerendered_order_without_reading_it_again()
    {
        var state = AddBunitPersistentComponentState();
        Services.AddSupplyValueFromPersistentComponentStateProvider();
        var person = await factory.SignUpPersonAsync();
        var order = (await factory.BuyAsync(person, "ann@example.com"))[0];
        await RefundStoredAsync(order.Id(), 500, "Damaged bag");
        var prerendered = await OpenAsync(person, order.Id());
        Assert.Equal("Partially refunded", prerendered.Find("[data-testid=order-status]").TextContent.Trim());

        state.TriggerOnPersisting();
        await DisposeComponentsAsync();
        await RefundStoredAsync(order.Id(), 700, "Since");
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var view = Render<OrderView>(p => p.Add(x => x.Id, order.Id()));

        Assert.Equal("Order #1001", view.Find("h1").TextContent.Trim());
        Assert.Equal("$24.00", view.Find("[data-testid=order-total]").TextContent.Trim());
        Assert.Contains("House Blend", view.Find("[data-testid=order-lines]").TextContent);
        Assert.NotNull(view.Find($"a[href='customers/{order.Customer()}']"));
        Assert.Contains("ending 4242", view.Markup);
        Assert.Equal("$5.00", view.Find("[data-testid=order-refunded]").TextContent.Trim());
        Assert.Contains("refunded $5.00 (Damaged bag)", Assert.Single(view.FindAll("[data-testid=refund]")).TextContent);
        Assert.Equal("19.00", view.Find("input[data-testid=refund-amount]").GetAttribute("value"));

        Type(view, "refund-amount", "1.00");
        view.Find("button[data-testid=refund-submit]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Give $1.00 back to ann@example.com?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Refund").Click();

        view.WaitForAssertion(() => Assert.Equal(3, view.FindAll("[data-testid=refund]").Count), TimeSpan.FromSeconds(5));
        Assert.Equal("$13.00", view.Find("[data-testid=order-refunded]").TextContent.Trim());
        Assert.Equal(1300, (await StoredAsync(order.Id())).AmountRefunded);
    }

    /// <summary>Records a refund straight in the database, as Stripe's webhook would.</summary>
    private Task RefundStoredAsync(string orderId, long amount, string reason) => factory.WithDbAsync(async db =>
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Order, orderId, out var key));
        var stored = await db.Orders.IgnoreQueryFilters().Include(o => o.Refunds).SingleAsync(o => o.Id == key);
        stored.Refunded(amount, reason, $"re_{Guid.NewGuid():N}", DateTime.UtcNow);
        await db.SaveChangesAsync();
    });
}
