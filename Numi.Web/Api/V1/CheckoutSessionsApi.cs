using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Orders;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

public static class CheckoutSessionsApi
{
    public sealed record ChoiceResponse(string Price, int Quantity);

    /// <summary>The rate behind <c>amount_tax</c>: its name and exact percentage (the same decimal digits as the tax rate's
    /// <c>percentage</c>) and whether the tax is inside the prices; null when untaxed.</summary>
    public sealed record TaxResponse(string DisplayName, decimal Percentage, bool Inclusive)
    {
        public static TaxResponse? From(string? name, int? ppm, bool inclusive) =>
            name is not null && ppm is { } rate ? new(name, TaxRate.PercentageOf(rate), inclusive) : null;
    }

    public sealed record SessionResponse(string Id, string Url, string Status, string Offer, string Currency, long AmountSubtotal,
        long AmountDiscount, long AmountTax, TaxResponse? Tax, long AmountTotal, string? CustomerEmail, IReadOnlyDictionary<string, ChoiceResponse> Selection,
        string? Order, long ExpiresAt, long Created)
    {
        public string Object => "checkout.session";

        public static SessionResponse From(CheckoutSession s, HttpRequest request) => new(s.PublicId,
            CheckoutLinks.SessionUrl(request.HttpContext.RequestServices.GetRequiredService<Operations.PublicOrigin>(), s),
            s.Status == CheckoutSessionStatus.Complete ? "complete"
                : s.IsExpired(request.HttpContext.RequestServices.GetRequiredService<ControllableClock>().GetUtcNow().UtcDateTime) ? "expired" : "open",
            PublicId.Format(IdPrefixes.Offer, s.OfferId), s.Currency, s.AmountSubtotal, s.AmountDiscount, s.AmountTax,
            TaxResponse.From(s.TaxName, s.TaxRatePpm, s.TaxIncluded), s.AmountTotal, s.CustomerEmail,
            s.Selection.ToDictionary(c => c.Key, c => new ChoiceResponse(PublicId.Format(IdPrefixes.Price, c.Value.Price), c.Value.Quantity)),
            s.OrderId is { } order ? PublicId.Format(IdPrefixes.Order, order) : null, s.ExpiresAt.ToUnixSeconds(), s.CreatedAt.ToUnixSeconds());
    }

    public sealed record OrderLineResponse(string Description, string Price, int Quantity, long Amount);

    public sealed record RefundResponse(string Id, long Amount, string? Reason, long Created);

    /// <summary>A chargeback the processor reported (<c>charge.dispute.created</c>).</summary>
    public sealed record DisputeResponse(string Id, long Amount, string? Reason, long Created);

    public sealed record OrderResponse(string Id, int Number, string Status, string Currency, long AmountSubtotal, long AmountDiscount, string? DiscountCode, long AmountTax, TaxResponse? Tax, long AmountTotal, long AmountRefunded,
        string Customer, string CheckoutSession, string PaymentIntent, string? CardBrand, string? CardLast4, IReadOnlyList<OrderLineResponse> Lines,
        IReadOnlyList<RefundResponse> Refunds, DisputeResponse? Dispute, long Created)
    {
        public string Object => "order";

        public static OrderResponse From(Order o) => new(o.PublicId, o.Number, ApiJson.Name(o.Status), o.Currency, o.AmountSubtotal,
            o.AmountDiscount, o.DiscountCode, o.AmountTax, TaxResponse.From(o.TaxName, o.TaxRatePpm, o.TaxIncluded), o.AmountTotal, o.AmountRefunded, PublicId.Format(IdPrefixes.Customer, o.CustomerId), PublicId.Format(IdPrefixes.CheckoutSession, o.CheckoutSessionId),
            o.PaymentIntentId, o.CardBrand, o.CardLast4,
            [.. o.Lines.Select(l => new OrderLineResponse(l.Description, PublicId.Format(IdPrefixes.Price, l.PriceId), l.Quantity, l.Amount))],
            [.. o.Refunds.OrderBy(r => r.CreatedAt).Select(r => new RefundResponse(r.PublicId, r.Amount, r.Reason, r.CreatedAt.ToUnixSeconds()))],
            o.DisputeId is null ? null : new DisputeResponse(o.DisputeId, o.DisputeAmount ?? o.AmountTotal, o.DisputeReason, o.DisputedAt!.Value.ToUnixSeconds()),
            o.CreatedAt.ToUnixSeconds());
    }

    public sealed class ChoiceRequest
    {
        public string? Price { get; set; }
        public int? Quantity { get; set; }
    }

    /// <summary>Where the shopper is taxed: <c>{"country":"US","state":"CA"}</c>, the state optional.</summary>
    public sealed class TaxLocationRequest
    {
        public string? Country { get; set; }
        public string? State { get; set; }
    }

    public sealed class SessionRequest
    {
        public string? Offer { get; set; }
        public string? CustomerEmail { get; set; }
        public Dictionary<string, ChoiceRequest?>? Selection { get; set; }
        /// <summary>A code to apply, as a shopper would type it.</summary>
        public string? DiscountCode { get; set; }
        public TaxLocationRequest? TaxLocation { get; set; }
    }

    public sealed class ConfirmRequest
    {
        public string? PaymentMethod { get; set; }
        public string? CustomerEmail { get; set; }
        public string? CustomerName { get; set; }
        public string? CustomerPhone { get; set; }
        public Address? BillingAddress { get; set; }
        public Address? ShippingAddress { get; set; }
        public Dictionary<string, string>? CustomFields { get; set; }
        public TaxLocationRequest? TaxLocation { get; set; }
    }

    public static RouteGroupBuilder MapCheckoutSessionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/checkout/sessions", CreateSessionAsync).AcceptsJson<SessionRequest>().WithName("CreateCheckoutSession")
            .WithSummary("Opens a checkout of a published offer; its url is the hosted checkout page.");
        api.MapGet("/checkout/sessions/{id}", GetSessionAsync).WithName("GetCheckoutSession");
        api.MapPost("/checkout/sessions/{id}/confirm", ConfirmSessionAsync).AcceptsJson<ConfirmRequest>().WithName("ConfirmCheckoutSession")
            .WithSummary("Test mode: pays the session with a test payment method such as pm_card_visa.");
        return api;
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> CreateSessionAsync(
        HttpRequest request, NumiDbContext db, StartCheckoutHandler start, ChooseCheckoutHandler choose, ApplyDiscountCodeHandler discount, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<SessionRequest>(request);
        if (problem is not null) return problem;
        if (body!.Offer is null) return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Name the offer to check out.", "offer");
        if (!PublicId.TryParse(IdPrefixes.Offer, body.Offer, out var offerId))
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "offer must be an offer id (offer_…).", "offer");
        var (selection, selectionProblem) = ToSelection(body.Selection);
        if (selectionProblem is not null) return selectionProblem;
        var (location, locationProblem) = ToLocation(body.TaxLocation);
        if (locationProblem is not null) return locationProblem;

        // Opening and choosing are one change: a refused selection leaves no session behind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var started = await start.HandleAsync(new StartCheckout(offerId, body.CustomerEmail), ct);
        if (!started.Succeeded) return ApiProblem.From(started.Errors);
        var session = started.Value;
        if (selection is not null || location is not null)
        {
            var chosen = await choose.HandleAsync(new ChooseCheckout(session.Id, selection ?? session.Selection, Location: location), ct);
            if (!chosen.Succeeded) return ApiProblem.From(chosen.Errors);
            session = chosen.Value;
        }
        if (!string.IsNullOrWhiteSpace(body.DiscountCode))
        {
            var applied = await discount.HandleAsync(new ApplyDiscountCode(session.Id, body.DiscountCode, body.CustomerEmail), ct);
            if (!applied.Succeeded) return ApiProblem.From(applied.Errors);
            session = applied.Value;
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(SessionResponse.From(session, request));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSessionAsync(string id, HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var session = PublicId.TryParse(IdPrefixes.CheckoutSession, id, out var key)
            ? await db.CheckoutSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key, ct)
            : null;
        return session is null ? NoSuchSession(id) : TypedResults.Ok(SessionResponse.From(session, request));
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ConfirmSessionAsync(
        string id, HttpRequest request, ConfirmCheckoutHandler confirm, CancellationToken ct)
    {
        if (OrganizationApi.IsLive(request.HttpContext))
            return ApiProblem.Result(403, ErrorCodes.Forbidden, "Confirming a session through the API is for test mode (sk_test_ keys) only.");
        if (!PublicId.TryParse(IdPrefixes.CheckoutSession, id, out var key)) return NoSuchSession(id);
        var (body, problem) = await ApiJson.ReadAsync<ConfirmRequest>(request);
        if (problem is not null) return problem;
        var (location, locationProblem) = ToLocation(body!.TaxLocation);
        if (locationProblem is not null) return locationProblem;
        var details = new CheckoutDetails(body.CustomerPhone, body.BillingAddress, body.ShippingAddress, body.CustomFields, location);
        var result = await confirm.HandleAsync(new ConfirmCheckout(key.Value, body.PaymentMethod, null, body.CustomerEmail, body.CustomerName, details), ct);
        return result.Succeeded ? TypedResults.Ok(OrderResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static (Dictionary<string, SlotChoice>? Selection, ProblemHttpResult? Problem) ToSelection(Dictionary<string, ChoiceRequest?>? selection)
    {
        if (selection is null) return (null, null);
        var choices = new Dictionary<string, SlotChoice>(StringComparer.Ordinal);
        foreach (var (slot, choice) in selection)
        {
            if (choice?.Price is null) return (null, ApiProblem.Result(400, ErrorCodes.ParameterMissing, $"Give the price chosen for '{slot}'.", $"selection.{slot}.price"));
            if (!PublicId.TryParse(IdPrefixes.Price, choice.Price, out var price))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "price must be a price id (price_…).", $"selection.{slot}.price"));
            choices[slot] = new SlotChoice(price.Value, choice.Quantity ?? 1);
        }
        return (choices, null);
    }

    /// <summary>A malformed <c>tax_location</c> is a 400 naming the field, as a malformed selection is.</summary>
    private static (TaxLocation? Location, ProblemHttpResult? Problem) ToLocation(TaxLocationRequest? location)
    {
        if (location is null) return (null, null);
        var read = TaxLocation.Read(location.Country, location.State, "tax_location");
        return read.Succeeded ? (read.Value, null) : (null, ApiProblem.Result(400, read.FirstError.Code, read.FirstError.Message, read.FirstError.Param));
    }

    private static ProblemHttpResult NoSuchSession(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such checkout session: '{id}'.", "id");
}
