using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Numi.Web.Tests.Interactive;

/// <summary>Reading and filling the catalog's MudBlazor forms as a person would.</summary>
internal static class CatalogForms
{
    /// <summary>The message under the input <paramref name="selector"/> (MudBlazor's helper text in the error style),
    /// or null when the field shows none.</summary>
    public static string? MessageUnder<T>(this IRenderedComponent<T> cut, string selector) where T : IComponent
    {
        var control = cut.Find(selector).Closest(".mud-input-control");
        Assert.True(control is not null, $"{selector} is not inside a MudBlazor input");
        return control.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
    }

    /// <summary>The message of a field shown outside a text input (radio groups, the image, the tiers).</summary>
    public static string? FieldMessage<T>(this IRenderedComponent<T> cut, string field) where T : IComponent =>
        cut.FindAll($".mud-input-error[data-field='{field}']").SingleOrDefault()?.TextContent.Trim();

    /// <summary>Picks the radio labelled <paramref name="label"/> inside <paramref name="group"/>.</summary>
    public static void Choose<T>(this IRenderedComponent<T> cut, string group, string label) where T : IComponent
    {
        var radio = cut.Find(group).QuerySelectorAll("label")
            .FirstOrDefault(l => l.TextContent.Trim().StartsWith(label, StringComparison.Ordinal))?.QuerySelector("input[type=radio]");
        Assert.True(radio is not null, $"No radio '{label}' in {group}");
        // Whichever event MudRadio listens to on its input (a browser raises both on a click).
        try { radio.Change(true); }
        catch (MissingEventHandlerException) { radio.Click(); }
    }
}
