using Bunit;
using MudBlazor;
using Numi.Core.Dunning;
using Numi.Web.Features.Plans;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The plan form against the real database: creating a plan from a recurring price, the core's messages under
/// their fields with nothing saved, editing the retry settings and campaign, the live previews, and archiving after a
/// confirmation.</summary>
[Collection(AppCollection.Name)]
public sealed class PlanEditorTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<CircuitPerson> SignInAsync()
    {
        var person = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(person));
        return person;
    }

    private IRenderedComponent<PlanEditor> Open(string? id = null, string? message = null)
    {
        Render<MudPopoverProvider>();
        var editor = RenderInteractive<PlanEditor>(p => p.Add(x => x.Id, id).Add(x => x.Message, message));
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.FindAll("form, [role=status]")));
        return editor;
    }

    private static async Task ChooseAsync<T>(IRenderedComponent<PlanEditor> editor, T value, int index = 0)
    {
        // The select's list opens in a popover; choosing an item raises the same ValueChanged the binding listens to.
        var select = editor.FindComponents<MudSelect<T>>()[index];
        await editor.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private string SavedMessage() => Uri.UnescapeDataString(new Uri(Navigation.Uri).Query.Replace("?message=", ""));

    [Fact]
    public async Task Creating_a_plan_stores_its_price_trial_and_default_settings()
    {
        var person = await SignInAsync();
        var priceId = await factory.SeedMonthlyPriceAsync(person.OrganizationId);
        var editor = Open();

        editor.Type("plan-name", "Pro monthly");
        await ChooseAsync<Guid?>(editor, priceId);
        editor.Type("plan-trial-days", "14");
        editor.Find("form").Submit();

        editor.WaitForAssertion(() => Assert.Contains("/plans/plan_", Navigation.Uri));
        Assert.Equal("Plan created.", SavedMessage());
        var plan = Assert.Single(await factory.PlansOfAsync(person.OrganizationId));
        Assert.Equal(("Pro monthly", priceId, 14), (plan.Name, plan.PriceId, plan.Settings.TrialDays));
        Assert.Equal(RetrySettings.Default, plan.Settings.Retry);
        Assert.Equal([1, 3, 7, 14], plan.Settings.Campaign.Steps.Select(s => s.Day));
        Assert.Contains($"/plans/{plan.PublicId}", Navigation.Uri);
    }

    [Fact]
    public async Task The_cores_messages_show_under_their_fields_and_nothing_is_saved()
    {
        var person = await SignInAsync();
        var priceId = await factory.SeedMonthlyPriceAsync(person.OrganizationId);
        var editor = Open();

        await ChooseAsync<Guid?>(editor, priceId);
        editor.Type("plan-trial-days", "9999");
        editor.Type("plan-max-retries", "20");
        editor.Type("plan-window-start", "18");
        editor.Type("plan-window-end", "9");
        editor.Type("plan-step-0-body", "Please pay.");
        editor.Find("form").Submit();

        editor.WaitForAssertion(() => Assert.Equal("Give the plan a name, e.g. Pro monthly.", editor.MessageUnder("#plan-name")));
        Assert.Contains("0 to 730 days", editor.MessageUnder("#plan-trial-days"));
        Assert.Contains("1 to 8", editor.MessageUnder("#plan-max-retries"));
        Assert.NotNull(editor.MessageUnder("#plan-window-end"));
        Assert.Contains("{{update_card_url}}", editor.MessageUnder("#plan-step-0-body"));
        Assert.Null(editor.MessageUnder("#plan-step-1-body"));
        Assert.Empty(editor.FindAll("[data-testid=plan-errors]"));
        Assert.Empty(await factory.PlansOfAsync(person.OrganizationId));
        Assert.DoesNotContain("/plans/plan_", Navigation.Uri);
    }

    [Fact]
    public async Task A_new_plan_needs_a_price_and_without_free_prices_the_form_says_where_to_make_one()
    {
        await SignInAsync();
        var editor = Open();

        Assert.Contains("No recurring price is free for a plan", editor.Markup);
        Assert.NotNull(editor.Find("a[href=catalog]"));
        Assert.Empty(editor.FindAll("form"));
    }

    [Fact]
    public async Task Editing_saves_a_fixed_schedule_and_another_campaign()
    {
        var person = await SignInAsync();
        var plan = await factory.SeedPlanAsync(person.OrganizationId, "Pro monthly");
        var editor = Open(plan.PublicId);
        Assert.Equal("Pro monthly", editor.Find("#plan-name").GetAttribute("value"));

        await ChooseAsync(editor, RetryStrategy.Fixed);
        editor.Type("plan-fixed-days", "1, 3, 5");
        await ChooseAsync(editor, AfterLastRetry.Cancel);
        editor.Find("[data-testid=preset-gentle]").Click();
        editor.Type("plan-step-0-subject", "We missed your payment, {{customer_name}}");
        editor.Find("form").Submit();

        editor.WaitForAssertion(() => Assert.Equal("Changes saved.", SavedMessage()));
        var saved = Assert.Single(await factory.PlansOfAsync(person.OrganizationId));
        Assert.Equal((RetryStrategy.Fixed, AfterLastRetry.Cancel), (saved.Settings.Retry.Strategy, saved.Settings.Retry.AfterLastRetry));
        Assert.Equal([1, 3, 5], saved.Settings.Retry.FixedDays!);
        Assert.Equal([3, 7, 14, 30], saved.Settings.Campaign.Steps.Select(s => s.Day));
        Assert.Equal("We missed your payment, {{customer_name}}", saved.Settings.Campaign.Steps[0].Email.Subject);
    }

    [Fact]
    public async Task The_email_preview_follows_what_is_typed_and_the_retry_preview_explains_each_attempt()
    {
        var person = await SignInAsync();
        var plan = await factory.SeedPlanAsync(person.OrganizationId, "Pro monthly");
        var editor = Open(plan.PublicId);

        editor.Type("plan-step-0-subject", "Hello {{customer_name}} from {{merchant_name}}");

        editor.WaitForAssertion(() => Assert.Contains("Hello Jane Doe from Acme", editor.Find("[data-testid=plan-step-0-preview]").TextContent));
        var rows = editor.FindAll("[data-testid=retry-preview] tbody tr");
        Assert.True(rows.Count >= 2);
        Assert.Contains("insufficient funds is a soft decline", rows[0].TextContent);
        Assert.Contains("UTC", rows[0].TextContent);
        Assert.Contains("stop: save_flow", rows[^1].TextContent);

        await ChooseAsync(editor, "expired_card", index: FindDeclineSelect(editor));
        editor.WaitForAssertion(() => Assert.Contains("ask for a new card", Assert.Single(editor.FindAll("[data-testid=retry-preview] tbody tr")).TextContent));

        editor.Type("plan-max-retries", "99");
        editor.WaitForAssertion(() => Assert.Contains("Correct the retry settings", editor.Find("[data-testid=retry-preview]").TextContent));
    }

    private static int FindDeclineSelect(IRenderedComponent<PlanEditor> editor) =>
        editor.FindComponents<MudSelect<string>>().ToList().FindIndex(s => s.Instance.Label == "If a renewal now is declined with");

    [Fact]
    public async Task Archiving_asks_first_and_only_confirming_archives()
    {
        var person = await SignInAsync();
        var plan = await factory.SeedPlanAsync(person.OrganizationId, "Pro monthly");
        var dialogs = Render<MudDialogProvider>();
        var editor = Open(plan.PublicId);

        editor.Find("[data-testid=archive]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive Pro monthly?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Archive Pro monthly?", dialogs.Markup));
        Assert.True(Assert.Single(await factory.PlansOfAsync(person.OrganizationId)).Active);

        editor.Find("[data-testid=archive]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive Pro monthly?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();

        editor.WaitForAssertion(() => Assert.Equal("Plan archived.", SavedMessage()));
        Assert.False(Assert.Single(await factory.PlansOfAsync(person.OrganizationId)).Active);
        await DisposeComponentsAsync();
        var archived = Open(plan.PublicId, "Plan archived.");
        Assert.NotNull(archived.Find("[data-testid=plan-archived]"));
        Assert.Empty(archived.FindAll("[data-testid=archive]"));
    }

    [Fact]
    public async Task Another_organizations_plan_does_not_exist_here()
    {
        var stranger = await factory.SignUpPersonAsync();
        var theirs = await factory.SeedPlanAsync(stranger.OrganizationId, "Theirs");
        await SignInAsync();

        var editor = Open(theirs.PublicId);

        Assert.Contains("This plan does not exist", editor.Markup);
        Assert.DoesNotContain("Theirs", editor.Markup);
    }
}
