using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Catalog;

/// <summary>The live quote under the price form: what the preview quantity costs with the amounts as typed, or why it
/// cannot be computed yet. Pure (Core's validator and calculator, no database), so it runs on every keystroke.</summary>
public static class PriceQuotePreview
{
    private static readonly ReplacePriceAmountsValidator Amounts = new();

    public static (Quote? Quote, string? Problem) For(PriceInput input)
    {
        var scratch = new FormErrors();
        var (unit, package, tiers) = input.ParseAmounts(scratch);
        if (!long.TryParse(input.PreviewQuantity, out var quantity)) return (null, "Enter a whole quantity to preview.");
        var command = new ReplacePriceAmounts(Guid.Empty, input.ParsedScheme, unit, package, input.ParsedTiersMode, tiers);
        var problems = scratch.All.Concat(Amounts.Check(command).Select(e => e.Message)).ToList();
        if (problems.Count > 0) return (null, "Complete the amounts to see a quote: " + problems[0]);
        var quote = PriceCalculator.Quote(command.ToModel(), input.CurrencyCode, quantity);
        return quote.Succeeded ? (quote.Value, null) : (null, quote.FirstError.Message);
    }
}
