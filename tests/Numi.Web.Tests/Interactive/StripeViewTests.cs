using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Organizations;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Stripe;

namespace Numi.Web.Tests.Interactive;

/// <summary>Settings › Stripe against the real database and a fake Stripe: Core's messages under their fields, the key
/// checked with Stripe before anything is saved, secrets stored encrypted, shown masked and never rendered back, and
/// disconnecting after a confirmation (cancel keeps the connection). Owners only, also when demoted while it is open.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeViewTests(StripeFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<StripeView>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var view = Render<StripeView>();
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid=connect-stripe], [data-testid=refused]")));
        return view;
    }

    private static async Task ConnectAsync(IRenderedComponent<StripeView> view, string secret, string publishable, string signing)
    {
        view.Find("#stripe-secret").Change(secret);
        view.Find("#stripe-publishable").Change(publishable);
        view.Find("#stripe-webhook").Change(signing);
        await view.Find("[data-testid=connect-stripe]").SubmitAsync();
        view.WaitForAssertion(() => Assert.False(view.Find("[data-testid=connect-submit]").HasAttribute("disabled")));
    }

    private void Answer(string button) => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();

    private Task<bool> ConnectedAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.StripeConnections.IgnoreQueryFilters().AnyAsync(c => c.OrganizationId == organizationId));

    [Fact]
    public async Task Connecting_checks_the_key_with_stripe_shows_it_masked_and_stores_no_plaintext()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);
        Assert.Contains("Stripe is not connected", view.Markup);
        var slug = (await factory.OrganizationAsync(person.OrganizationId)).Slug;
        Assert.Equal($"http://localhost/webhooks/stripe/{slug}", view.Find("[data-testid=webhook-url]").TextContent.Trim());
        var (secret, publishable, signing) = StripeFactory.NewKeys();

        await ConnectAsync(view, secret, publishable, signing);

        _snackbars.WaitForAssertion(() => Assert.Contains("Stripe is connected", _snackbars.Markup));
        view.WaitForAssertion(() => Assert.Equal("sk_test_…" + secret[^4..], view.Find("[data-testid=secret-key-hint]").TextContent.Trim()));
        Assert.Contains(publishable, view.Find("[data-testid=stripe-connection]").TextContent);
        Assert.DoesNotContain(secret[8..], view.Markup);
        Assert.DoesNotContain(signing[6..], view.Markup);
        Assert.Contains(factory.Stripe.Requests, r => r.Path == "/v1/balance" && r.Authorization == "Bearer " + secret);
        var stored = await factory.RawValuesAsync("stripe_connections", person.OrganizationId);
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, value => value.Contains(secret[8..], StringComparison.Ordinal) || value.Contains(signing[6..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mistakes_get_a_message_under_their_field_and_the_secrets_are_not_kept()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);
        var (secret, _, _) = StripeFactory.NewKeys();

        await ConnectAsync(view, "", "", "");

        Assert.Equal("Enter your Stripe secret key.", view.MessageUnder("#stripe-secret"));
        Assert.Equal("Enter your Stripe publishable key.", view.MessageUnder("#stripe-publishable"));
        Assert.StartsWith("Enter the webhook signing secret", view.MessageUnder("#stripe-webhook"));

        await ConnectAsync(view, secret.Replace("sk_test_", "sk_live_"), "pk_test_abcdefghijkl", "whsec_abcdefghijkl");

        Assert.Contains("use the pair from the same mode", view.MessageUnder("#stripe-publishable"));
        Assert.Null(view.MessageUnder("#stripe-secret"));
        Assert.DoesNotContain(secret[8..], view.Markup);
        Assert.DoesNotContain("whsec_abcdefghijkl", view.Markup);
        Assert.Contains("Stripe is not connected", view.Markup);
        Assert.False(await ConnectedAsync(person.OrganizationId));
    }

    [Fact]
    public async Task A_key_stripe_refuses_is_explained_under_it_and_nothing_is_saved()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);

        await ConnectAsync(view, FakeStripeServer.RefusedKey, "pk_test_abcdefghijkl", "whsec_abcdefghijkl");

        Assert.StartsWith("Stripe refused this secret key", view.MessageUnder("#stripe-secret"));
        Assert.False(await ConnectedAsync(person.OrganizationId));
    }

    [Fact]
    public async Task Cancelling_the_disconnect_question_keeps_stripe_connected()
    {
        var person = await factory.SignUpPersonAsync();
        var (secret, _, _) = await factory.ConnectStripeAsync(person.OrganizationId);
        var view = await OpenAsync(person);

        view.Find("[data-testid=disconnect-stripe]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("sk_test_…" + secret[^4..], _dialogs.Markup));
        Answer("Cancel");

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Disconnect Stripe?", _dialogs.Markup));
        Assert.True(await ConnectedAsync(person.OrganizationId));
        Assert.NotEmpty(view.FindAll("[data-testid=stripe-connection]"));
    }

    [Fact]
    public async Task Disconnecting_after_confirming_forgets_the_keys()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.ConnectStripeAsync(person.OrganizationId);
        var view = await OpenAsync(person);

        view.Find("[data-testid=disconnect-stripe]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Disconnect Stripe?", _dialogs.Markup));
        Answer("Disconnect Stripe");

        _snackbars.WaitForAssertion(() => Assert.Contains("Stripe is disconnected.", _snackbars.Markup));
        view.WaitForAssertion(() => Assert.Contains("Stripe is not connected", view.Markup));
        Assert.False(await ConnectedAsync(person.OrganizationId));
    }

    [Fact]
    public async Task An_owner_demoted_while_the_page_is_open_cannot_connect_and_a_member_sees_nothing()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);
        await factory.SetRoleAsync(person, OrganizationRole.Admin);
        var (secret, publishable, signing) = StripeFactory.NewKeys();

        await ConnectAsync(view, secret, publishable, signing);

        Assert.Equal(StripeOperations.Refusal, view.Find("[data-testid=form-errors]").TextContent.Trim());
        Assert.False(await ConnectedAsync(person.OrganizationId));
        Assert.DoesNotContain(factory.Stripe.Requests, r => r.Authorization == "Bearer " + secret);
        var again = Render<StripeView>();
        again.WaitForAssertion(() => Assert.Equal(StripeOperations.Refusal, again.Find("[data-testid=refused]").TextContent.Trim()));
    }
}
