using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Web.Components.Kit;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

/// <summary>Kit components rendered on their own with ASP.NET Core's HtmlRenderer.</summary>
public sealed class KitComponentTests
{
    [Fact]
    public async Task FieldError_lists_the_field_messages_encoded_and_linked_by_id()
    {
        var errors = new FormErrors();
        errors.Add("email", "Enter a valid email address.");
        errors.Add("email", "<b>not markup</b>");
        errors.Add("email", "Enter a valid email address.");
        errors.Add("password", "Choose a password.");

        var html = await RenderAsync<FieldError>(new Dictionary<string, object?>
        {
            [nameof(FieldError.Errors)] = errors,
            [nameof(FieldError.Field)] = "email",
        });

        var feedback = Browser.Parse(html).QuerySelector("div.ac-error")!;
        Assert.Equal("email-error", feedback.Id);
        Assert.Equal("alert", feedback.GetAttribute("role"));
        Assert.Equal(["Enter a valid email address.", "<b>not markup</b>"], feedback.Children.Select(c => c.TextContent));
        Assert.Null(feedback.QuerySelector("b"));
        Assert.DoesNotContain("Choose a password.", html);
    }

    [Fact]
    public async Task FieldError_renders_nothing_for_a_field_without_messages()
    {
        var errors = new FormErrors();
        errors.Add("password", "Choose a password.");

        var html = await RenderAsync<FieldError>(new Dictionary<string, object?>
        {
            [nameof(FieldError.Errors)] = errors,
            [nameof(FieldError.Field)] = "email",
        });

        Assert.Equal("", html.Trim());
    }

    private static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }
}
