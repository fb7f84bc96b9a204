using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Checkout;

/// <summary>The parts of a checkout page that depend on the offer alone (its pitch, the simulated processor's card
/// fields, the questions before any is answered) or on the offer and a choice many shoppers share (the slots as chosen),
/// rendered once as markup and kept on the <see cref="CheckoutOffer"/> they come from, so a shopper's first view of their
/// page renders only what is theirs. Kept on that instance, they are dropped with it by the same saves
/// (<see cref="CheckoutPageEviction"/>). The same components render them, with ASP.NET Core's <see cref="HtmlRenderer"/>,
/// so the bytes are those the page renders itself; used only on a page that shows no message and answers no post.</summary>
public sealed class CheckoutOfferMarkup(IServiceScopeFactory scopes, ILoggerFactory logs, bool enabled)
{
    /// <summary>Parts kept per offer at most (one per choice of slots shown): past it, the page renders the part itself.</summary>
    private const int MaxPerOffer = 64;

    /// <summary>Off with the page cache (nothing would keep the offer between pages); the tests turn it off to compare
    /// the pages rendered both ways.</summary>
    public bool Enabled { get; set; } = enabled;

    public sealed record Parts(MarkupString? Pitch, MarkupString? Slots, MarkupString? Questions, MarkupString? Payment)
    {
        public static readonly Parts None = new(null, null, null, null);
    }

    /// <summary>The kept parts for this session's page: a part is null when it is this shopper's own (a price its offer no
    /// longer sells chosen, answers saved, Stripe's field with its amount) or when too many are kept.</summary>
    public async Task<Parts> ForAsync(CheckoutOffer offer, IReadOnlyDictionary<Guid, Price> prices, CheckoutSession session)
    {
        if (!Enabled) return Parts.None;
        var design = offer.Offer.Design;
        var pitch = await KeptAsync<OfferPitch>(offer, "pitch", new() { [nameof(OfferPitch.Design)] = design, [nameof(OfferPitch.Name)] = offer.Offer.Name });
        var slots = prices.Count != offer.Prices.Count ? null : await KeptAsync<CheckoutSlots>(offer, SlotsKey(session.Selection), new()
        {
            [nameof(CheckoutSlots.Offer)] = offer.Offer, [nameof(CheckoutSlots.Prices)] = offer.Prices,
            [nameof(CheckoutSlots.Selection)] = session.Selection, [nameof(CheckoutSlots.Errors)] = new FormErrors(),
        });
        var saved = session.Details;
        var questions = saved.Phone is not null || saved.BillingAddress is not null || saved.ShippingAddress is not null || saved.CustomFields is not null
            ? null
            : await KeptAsync<CheckoutQuestions>(offer, "questions", new()
            {
                [nameof(CheckoutQuestions.Settings)] = offer.Offer.Payment, [nameof(CheckoutQuestions.Input)] = new CheckoutInput(),
                [nameof(CheckoutQuestions.Saved)] = CheckoutDetails.None, [nameof(CheckoutQuestions.Errors)] = new FormErrors(),
            });
        // Stripe's field carries the amount and puts its scripts in the page's head, which a part rendered apart has not.
        var payment = offer.StripeKey is not null ? null : await KeptAsync<PaymentFields>(offer, "payment", new()
        {
            [nameof(PaymentFields.Amount)] = 0L, [nameof(PaymentFields.Currency)] = "", [nameof(PaymentFields.Errors)] = new FormErrors(),
        });
        return new Parts(pitch, slots, questions, payment);
    }

    /// <summary>The kept part when there is one, else what the page renders itself.</summary>
    public static RenderFragment Or(MarkupString? kept, RenderFragment render) =>
        kept is { } markup ? builder => builder.AddMarkupContent(0, markup.Value) : render;

    private static string SlotsKey(IReadOnlyDictionary<string, SlotChoice> selection) =>
        "slots:" + string.Join(';', selection.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.Price:N}x{c.Value.Quantity}"));

    private async Task<MarkupString?> KeptAsync<TComponent>(CheckoutOffer offer, string key, Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        if (offer.Markup.TryGetValue(key, out var kept)) return kept;
        if (offer.Markup.Count >= MaxPerOffer) return null;
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return offer.Markup.GetOrAdd(key, new MarkupString(html));
    }
}
