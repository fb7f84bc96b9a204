using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

public static class OffersApi
{
    public sealed record OptionResponse(string Price, string? Label);

    public sealed record SlotResponse(string Key, string Name, bool Required, bool OrderBump, int SortOrder, string Price, int Quantity,
        int MinQuantity, int? MaxQuantity, IReadOnlyList<OptionResponse> Options);

    public sealed record OfferResponse(string Id, string Name, string Slug, string? Description, OfferStatus Status, string Currency,
        IReadOnlyList<SlotResponse> Slots, OfferDesign Design, OfferPaymentSettings PaymentSettings, string? UpsellOffer, long Created, long Updated)
    {
        public string Object => "offer";

        public static OfferResponse From(Offer o) => new(o.PublicId, o.Name, o.Slug, o.Description, o.Status, o.Currency,
            [.. o.OrderedSlots.Select(s => new SlotResponse(s.Key, s.Name, s.Required, s.IsOrderBump, s.SortOrder, PriceId(s.DefaultPriceId),
                s.QuantityDefault, s.QuantityMin, s.QuantityMax, [.. s.OrderedOptions.Select(x => new OptionResponse(PriceId(x.PriceId), x.Label))]))],
            o.Design, o.Payment, o.UpsellOfferId is { } upsell ? PublicId.Format(IdPrefixes.Offer, upsell) : null,
            o.CreatedAt.ToUnixSeconds(), o.UpdatedAt.ToUnixSeconds());

        private static string PriceId(Guid id) => PublicId.Format(IdPrefixes.Price, id);
    }

    public sealed class OptionRequest
    {
        public string? Price { get; set; }
        public string? Label { get; set; }
    }

    public sealed class SlotRequest
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public string? Price { get; set; }
        public bool? Required { get; set; }
        public int? Quantity { get; set; }
        public int? MinQuantity { get; set; }
        public int? MaxQuantity { get; set; }
        public List<OptionRequest?>? Options { get; set; }
    }

    public enum SlotMove
    {
        Up,
        Down,
    }

    /// <summary>One place up or down, as the offer editor's arrows move a slot.</summary>
    public sealed class MoveSlotRequest
    {
        public SlotMove? Direction { get; set; }
    }

    /// <summary>Create and update share one body. On update, absent fields keep their value; <c>design</c> and
    /// <c>payment_settings</c> are replaced whole; slots change through the slot endpoints.</summary>
    public sealed class OfferRequest
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? Description { get; set; }
        public string? Currency { get; set; }
        public OfferStatus? Status { get; set; }
        public List<SlotRequest?>? Slots { get; set; }
        public OfferDesign? Design { get; set; }
        public OfferPaymentSettings? PaymentSettings { get; set; }
        /// <summary>An offer id for the one-click upsell after payment; "" removes it.</summary>
        public string? UpsellOffer { get; set; }
    }

    public static RouteGroupBuilder MapOffersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/offers", ListOffersAsync).WithName("ListOffers").WithSummary("Offers, newest first; ?status= filters.");
        api.MapPost("/offers", CreateOfferAsync).AcceptsJson<OfferRequest>().WithName("CreateOffer").WithSummary("Creates an offer, with its slots, design and status in one go.");
        api.MapGet("/offers/{id}", GetOfferAsync).WithName("GetOffer");
        api.MapPost("/offers/{id}", UpdateOfferAsync).AcceptsJson<OfferRequest>().WithName("UpdateOffer");
        api.MapPost("/offers/{id}/slots", (string id, HttpRequest request, NumiDbContext db, SaveOfferSlotHandler handler, CancellationToken ct) =>
            SaveSlotAsync(id, null, request, db, handler, ct)).AcceptsJson<SlotRequest>().WithName("AddOfferSlot");
        api.MapPost("/offers/{id}/slots/{key}", (string id, string key, HttpRequest request, NumiDbContext db, SaveOfferSlotHandler handler, CancellationToken ct) =>
            SaveSlotAsync(id, key, request, db, handler, ct)).AcceptsJson<SlotRequest>().WithName("UpdateOfferSlot");
        api.MapDelete("/offers/{id}/slots/{key}", RemoveSlotAsync).WithName("RemoveOfferSlot");
        api.MapPost("/offers/{id}/slots/{key}/move", MoveSlotAsync).AcceptsJson<MoveSlotRequest>().WithName("MoveOfferSlot")
            .WithSummary("Moves a slot one place up or down (direction); at the top or bottom already, nothing moves.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<OfferResponse>>, ProblemHttpResult>> ListOffersAsync(
        HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var offers = db.Offers.AsNoTracking().WithSlots().AsSplitQuery();
        var status = request.Query["status"].ToString();
        if (status.Length > 0)
        {
            if (!TryParseStatus(status, out var wanted))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "status must be draft, published or archived.", "status");
            offers = offers.Where(o => o.Status == wanted);
        }
        return await ApiPaging.PageAsync(request, offers, IdPrefixes.Offer, "/api/v1/offers", OfferResponse.From, ct);
    }

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> CreateOfferAsync(
        HttpRequest request, NumiDbContext db, CreateOfferHandler handler, SetOfferUpsellHandler upsell, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<OfferRequest>(request);
        if (problem is not null) return problem;
        Guid? upsellId = null;
        if (!string.IsNullOrEmpty(body!.UpsellOffer) && !PublicId.TryParse(IdPrefixes.Offer, body.UpsellOffer, out upsellId))
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "upsell_offer must be an offer id (offer_…).", "upsell_offer");
        var slots = new List<SlotFields>();
        for (var i = 0; i < (body!.Slots?.Count ?? 0); i++)
        {
            if (body.Slots![i] is not { } requested)
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"Slot {i + 1} is null; give each slot an object.", $"slots[{i}]");
            var (slot, slotProblem) = ToSlot(requested, $"slots[{i}].");
            if (slotProblem is not null) return slotProblem;
            slots.Add(slot!);
        }
        var command = new CreateOffer(body.Name, body.Slug, body.Description, body.Currency, body.Status, slots, body.Design, body.PaymentSettings);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await handler.HandleAsync(command, ct);
        if (result.Succeeded && upsellId is not null) result = await upsell.HandleAsync(new SetOfferUpsell(result.Value.Id, upsellId), ct);
        if (!result.Succeeded) return ApiProblem.From(result.Errors);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(OfferResponse.From(result.Value));
    }

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> GetOfferAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var offer = await FindAsync(db, id, ct);
        return offer is null ? NoSuchOffer(id) : TypedResults.Ok(OfferResponse.From(offer));
    }

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> UpdateOfferAsync(string id, HttpRequest request, NumiDbContext db,
        UpdateOfferHandler update, UpdateOfferSettingsHandler settings, ChangeOfferStatusHandler status, SetOfferUpsellHandler upsell, CancellationToken ct)
    {
        var offer = await FindAsync(db, id, ct);
        if (offer is null) return NoSuchOffer(id);
        var (body, problem) = await ApiJson.ReadAsync<OfferRequest>(request);
        if (problem is not null) return problem;
        if (body!.Slots is not null)
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "Change slots through /v1/offers/{id}/slots.", "slots");

        // Validate everything before changing anything, so a refused request leaves the offer as it was.
        var fields = new OfferFields(body.Name ?? offer.Name, body.Slug ?? offer.Slug, body.Description ?? offer.Description, body.Currency ?? offer.Currency);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await update.HandleAsync(new UpdateOffer(offer.Id, fields), ct);
        if (result.Succeeded && (body.Design is not null || body.PaymentSettings is not null))
            result = await settings.HandleAsync(new UpdateOfferSettings(offer.Id, body.Design, body.PaymentSettings), ct);
        if (result.Succeeded && body.UpsellOffer is not null)
        {
            Guid? upsellId = null;
            if (body.UpsellOffer.Length > 0 && !PublicId.TryParse(IdPrefixes.Offer, body.UpsellOffer, out upsellId))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "upsell_offer must be an offer id (offer_…) or \"\".", "upsell_offer");
            result = await upsell.HandleAsync(new SetOfferUpsell(offer.Id, upsellId), ct);
        }
        if (result.Succeeded && body.Status is { } wanted) result = await status.HandleAsync(new ChangeOfferStatus(offer.Id, wanted), ct);
        if (!result.Succeeded) return ApiProblem.From(result.Errors);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(OfferResponse.From(result.Value));
    }

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> SaveSlotAsync(string id, string? key, HttpRequest request,
        NumiDbContext db, SaveOfferSlotHandler handler, CancellationToken ct)
    {
        var offer = await FindAsync(db, id, ct);
        if (offer is null) return NoSuchOffer(id);
        var existing = key is null ? null : offer.Slots.FirstOrDefault(s => s.Key == key);
        if (key is not null && existing is null) return NoSuchSlot(key);
        var (body, problem) = await ApiJson.ReadAsync<SlotRequest>(request);
        if (problem is not null) return problem;
        if (existing is not null)
        {
            body!.Key ??= existing.Key;
            body.Name ??= existing.Name;
            body.Price ??= PublicId.Format(IdPrefixes.Price, existing.DefaultPriceId);
            body.Required ??= existing.Required;
            body.Quantity ??= existing.QuantityDefault;
            body.MinQuantity ??= existing.QuantityMin;
            body.MaxQuantity ??= existing.QuantityMax;
            body.Options ??= [.. existing.OrderedOptions.Select(o => new OptionRequest { Price = PublicId.Format(IdPrefixes.Price, o.PriceId), Label = o.Label })];
        }
        var (slot, slotProblem) = ToSlot(body!, "");
        if (slotProblem is not null) return slotProblem;
        var result = await handler.HandleAsync(new SaveOfferSlot(offer.Id, existing?.Id, slot!), ct);
        if (!result.Succeeded) return ApiProblem.From(result.Errors);
        return TypedResults.Ok(OfferResponse.From((await FindAsync(db, id, ct))!));
    }

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> RemoveSlotAsync(string id, string key,
        NumiDbContext db, RemoveOfferSlotHandler handler, CancellationToken ct)
    {
        var (offer, slot, missing) = await FindSlotAsync(db, id, key, ct);
        if (missing is not null) return missing;
        var result = await handler.HandleAsync(new RemoveOfferSlot(offer!.Id, slot!.Id), ct);
        return result.Succeeded ? TypedResults.Ok(OfferResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> MoveSlotAsync(string id, string key, HttpRequest request,
        NumiDbContext db, MoveOfferSlotHandler handler, CancellationToken ct)
    {
        var (offer, slot, missing) = await FindSlotAsync(db, id, key, ct);
        if (missing is not null) return missing;
        var (body, problem) = await ApiJson.ReadAsync<MoveSlotRequest>(request);
        if (problem is not null) return problem;
        if (body!.Direction is not { } direction) return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "direction is required: up or down.", "direction");
        var result = await handler.HandleAsync(new MoveOfferSlot(offer!.Id, slot!.Id, direction == SlotMove.Up ? -1 : 1), ct);
        return result.Succeeded ? TypedResults.Ok(OfferResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static (SlotFields? Slot, ProblemHttpResult? Problem) ToSlot(SlotRequest slot, string prefix)
    {
        Guid? price = null;
        if (slot.Price is not null && !PublicId.TryParse(IdPrefixes.Price, slot.Price, out price))
            return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "price must be a price id (price_…).", prefix + "price"));
        var options = new List<SlotOptionInput>();
        for (var i = 0; i < (slot.Options?.Count ?? 0); i++)
        {
            var option = slot.Options![i];
            Guid? optionPrice = null;
            if (option?.Price is not null && !PublicId.TryParse(IdPrefixes.Price, option.Price, out optionPrice))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "price must be a price id (price_…).", $"{prefix}options[{i}].price"));
            options.Add(new SlotOptionInput(optionPrice, option?.Label));
        }
        return (new SlotFields(slot.Key, slot.Name, price, slot.Required ?? true, slot.Quantity, slot.MinQuantity, slot.MaxQuantity, options), null);
    }

    private static bool TryParseStatus(string value, out OfferStatus status) =>
        Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status) && value.All(char.IsAsciiLetterLower);

    private static async Task<Offer?> FindAsync(NumiDbContext db, string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Offer, id, out var key)
            ? await db.Offers.AsNoTracking().WithSlots().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == key, ct)
            : null;

    private static async Task<(Offer? Offer, OfferSlot? Slot, ProblemHttpResult? Missing)> FindSlotAsync(NumiDbContext db, string id, string key, CancellationToken ct)
    {
        var offer = await FindAsync(db, id, ct);
        if (offer is null) return (null, null, NoSuchOffer(id));
        var slot = offer.Slots.FirstOrDefault(s => s.Key == key);
        return slot is null ? (offer, null, NoSuchSlot(key)) : (offer, slot, null);
    }

    private static ProblemHttpResult NoSuchSlot(string key) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"The offer has no slot '{key}'.", "key");

    internal static ProblemHttpResult NoSuchOffer(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such offer: '{id}'.", "id");
}
