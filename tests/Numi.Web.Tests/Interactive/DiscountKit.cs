using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Discounts;
using Numi.Web.Features.Discounts;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>Seeding, filling and reading helpers of the discount component tests.</summary>
internal static class DiscountKit
{
    /// <summary>Stores a code straight in the database.</summary>
    public static Task<DiscountCode> SeedDiscountAsync(this NumiFactory factory, Guid organizationId, string code, int percent = 10,
        DiscountLimits? limits = null, bool archived = false) => factory.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var discount = DiscountCode.Create(organizationId, new DiscountTerms(code, percent), limits ?? new DiscountLimits(), now);
        if (archived) discount.Archive(now);
        db.DiscountCodes.Add(discount);
        await db.SaveChangesAsync();
        return discount;
    });

    public static Task<List<DiscountCode>> DiscountsOfAsync(this NumiFactory factory, Guid organizationId) =>
        factory.WithDbAsync(db => db.DiscountCodes.IgnoreQueryFilters().AsNoTracking().Where(c => c.OrganizationId == organizationId).ToListAsync());

    /// <summary>Types into the Mud input whose input element has <paramref name="id"/> (it updates on change, as on blur).</summary>
    public static void Type(this IRenderedComponent<DiscountEditor> editor, string id, string value) => editor.Find($"#{id}").Change(value);

    /// <summary>Ticks the checkbox or picks the radio labelled <paramref name="label"/>.</summary>
    public static void Pick(this IRenderedComponent<DiscountEditor> editor, string label)
    {
        var input = editor.FindAll("label").First(l => l.TextContent.Trim() == label).QuerySelector("input")!;
        // MudRadio listens for the click, MudCheckBox for the change, as each input type's browser event.
        if (input.GetAttribute("type") == "radio") input.Click();
        else input.Change(true);
    }

    /// <summary>The message under the field whose input has <paramref name="id"/>, or null.</summary>
    public static string? FieldMessage(this IRenderedComponent<DiscountEditor> editor, string id) =>
        editor.Find($"#{id}").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    public static void Submit(this IRenderedComponent<DiscountEditor> editor) => editor.Find("form").Submit();

    /// <summary>The codes the grid lists, in its order.</summary>
    public static List<string> Codes(this IRenderedComponent<DiscountsGrid> grid) =>
        grid.FindAll("[data-testid=discount-table] tbody tr a").Select(a => a.TextContent.Trim()).ToList();

    public static IElement Row(this IRenderedComponent<DiscountsGrid> grid, string code) =>
        grid.FindAll("[data-testid=discount-table] tbody tr").Single(r => r.QuerySelector("a")?.TextContent.Trim() == code);
}
