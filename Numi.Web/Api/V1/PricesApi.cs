using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

public static class PricesApi
{
    public sealed record TierResponse(long? UpTo, long? UnitAmount, long? FlatAmount);

    public sealed record PackageResponse(long Size, long UnitAmount);

    /// <summary>Stripe's <c>recurring</c> object; <c>cancel_after_cycles</c> is Numi's extension (the subscription ends
    /// after that many paid periods).</summary>
    public sealed record PriceRecurringResponse(PriceInterval Interval, int IntervalCount, int? CancelAfterCycles);

    public sealed record PriceResponse(string Id, string Product, string? Nickname, string Currency, PriceType Type,
        PriceRecurringResponse? Recurring, BillingScheme BillingScheme, long? UnitAmount, PackageResponse? Package,
        TiersMode? TiersMode, IReadOnlyList<TierResponse>? Tiers, PriceScope Scope, string? ParentListPrice, bool Active,
        string? ReplacedBy, long Created)
    {
        public string Object => "price";

        public static PriceResponse From(Price p) => new(p.PublicId, PublicId.Format(IdPrefixes.Product, p.ProductId), p.Nickname, p.Currency,
            p.Type, p.Interval is { } interval ? new PriceRecurringResponse(interval, p.IntervalCount ?? 1, p.CancelAfterCycles) : null, p.BillingScheme,
            p.BillingScheme == BillingScheme.PerUnit ? p.UnitAmount : null,
            p.BillingScheme == BillingScheme.Package ? new PackageResponse(p.PackageSize!.Value, p.UnitAmount!.Value) : null,
            p.TiersMode, p.BillingScheme == BillingScheme.Tiered ? [.. p.Tiers.Select(t => new TierResponse(t.UpTo, t.UnitAmount, t.FlatAmount))] : null,
            p.Scope, p.ParentPriceId is { } parent ? PublicId.Format(IdPrefixes.Price, parent) : null, p.Active,
            p.ReplacedByPriceId is { } next ? PublicId.Format(IdPrefixes.Price, next) : null, p.CreatedAt.ToUnixSeconds());
    }

    public sealed record QuoteLineResponse(int? Tier, long? From, long? UpTo, long Quantity, long UnitAmount, long FlatAmount, long Amount);

    public sealed record QuoteResponse(string Price, long Quantity, long Amount, string Currency, string Description, IReadOnlyList<QuoteLineResponse> Breakdown)
    {
        public string Object => "quote";
    }

    public sealed class TierRequest
    {
        public long? UpTo { get; set; }
        public long? UnitAmount { get; set; }
        public long? FlatAmount { get; set; }
        public long? From { get; set; }
    }

    public sealed class PackageRequest
    {
        public long? Size { get; set; }
        public long? UnitAmount { get; set; }
    }

    public sealed class PriceRecurringRequest
    {
        public PriceInterval? Interval { get; set; }
        public int? IntervalCount { get; set; }
        public int? CancelAfterCycles { get; set; }
    }

    public sealed class PriceRequest
    {
        public string? Product { get; set; }
        public string? Nickname { get; set; }
        public string? Currency { get; set; }
        public PriceType? Type { get; set; }
        public PriceRecurringRequest? Recurring { get; set; }
        public BillingScheme? BillingScheme { get; set; }
        public long? UnitAmount { get; set; }
        public PackageRequest? Package { get; set; }
        public TiersMode? TiersMode { get; set; }
        public List<TierRequest?>? Tiers { get; set; }
        public PriceScope? Scope { get; set; }
        public string? ParentListPrice { get; set; }
        public bool? Active { get; set; }
    }

    public static RouteGroupBuilder MapPricesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/prices", ListPricesAsync).WithName("ListPrices").WithSummary("Prices, newest first; ?product= and ?active= filter.");
        api.MapPost("/prices", CreatePriceAsync).AcceptsJson<PriceRequest>().WithName("CreatePrice");
        api.MapGet("/prices/{id}", GetPriceAsync).WithName("GetPrice");
        api.MapPost("/prices/{id}", UpdatePriceAsync).AcceptsJson<PriceRequest>().WithName("UpdatePrice")
            .WithSummary("Changes the nickname or archives/restores (active). Amounts never change in place: see /replace.");
        api.MapPost("/prices/{id}/replace", ReplacePriceAsync).AcceptsJson<PriceRequest>().WithName("ReplacePrice")
            .WithSummary("New amounts: creates a price that replaces this one in every offer and archives this one.");
        api.MapGet("/prices/{id}/quote", QuoteAsync).WithName("QuotePrice").WithSummary("What ?quantity=N of the price costs, with a per-tier breakdown.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<PriceResponse>>, ProblemHttpResult>> ListPricesAsync(
        HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var prices = db.Prices.AsNoTracking();
        var product = request.Query["product"].ToString();
        if (product.Length > 0)
        {
            if (!PublicId.TryParse(IdPrefixes.Product, product, out var productId))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "product must be a product id (prod_…).", "product");
            prices = prices.Where(p => p.ProductId == productId);
        }
        var (active, activeProblem) = ApiPaging.Flag(request, "active");
        if (activeProblem is not null) return activeProblem;
        if (active is { } wanted) prices = prices.Where(p => p.Active == wanted);
        return await ApiPaging.PageAsync(request, prices, IdPrefixes.Price, "/api/v1/prices", PriceResponse.From, ct);
    }

    private static async Task<Results<Ok<PriceResponse>, ProblemHttpResult>> CreatePriceAsync(
        HttpRequest request, CreatePriceHandler handler, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<PriceRequest>(request, MovedIntoRecurring);
        if (problem is not null) return problem;
        if (body!.Active == false) return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "A new price is active; archive it afterwards.", "active");

        Guid? productId = null;
        if (body.Product is null) return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Name the product this price is for.", "product");
        if (!PublicId.TryParse(IdPrefixes.Product, body.Product, out productId))
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "product must be a product id (prod_…).", "product");
        Guid? parentId = null;
        if (body.ParentListPrice is not null && !PublicId.TryParse(IdPrefixes.Price, body.ParentListPrice, out parentId))
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "parent_list_price must be a price id (price_…).", "parent_list_price");

        var (tiers, tiersProblem) = ToTiers(body.Tiers);
        if (tiersProblem is not null) return tiersProblem;
        if (body.Type == PriceType.OneTime && body.Recurring is not null)
            return ApiProblem.Result(422, ErrorCodes.ParameterInvalid, "A one-time price has no recurring schedule; leave recurring out.", "recurring");
        var recurring = body.Recurring;
        var command = new CreatePrice(productId, body.Currency, body.Type, recurring?.Interval, recurring?.IntervalCount, recurring?.CancelAfterCycles,
            body.BillingScheme, body.UnitAmount, ToPackage(body.Package), body.TiersMode, tiers, body.Scope, parentId, body.Nickname);
        var result = await handler.HandleAsync(command, ct);
        return result.Succeeded ? TypedResults.Ok(PriceResponse.From(result.Value)) : ApiProblem.From([.. result.Errors.Select(InRecurring)]);
    }

    private static async Task<Results<Ok<PriceResponse>, ProblemHttpResult>> GetPriceAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var price = await FindAsync(db, id, ct);
        return price is null ? NoSuchPrice(id) : TypedResults.Ok(PriceResponse.From(price));
    }

    private static async Task<Results<Ok<PriceResponse>, ProblemHttpResult>> UpdatePriceAsync(
        string id, HttpRequest request, NumiDbContext db, SetPriceArchivedHandler archive, IValidator<RenamePrice> nicknames, CancellationToken ct)
    {
        var price = await FindAsync(db, id, ct, tracked: true);
        if (price is null) return NoSuchPrice(id);
        var (body, problem) = await ApiJson.ReadAsync<PriceRequest>(request, MovedIntoRecurring);
        if (problem is not null) return problem;
        if (ImmutableField(body!) is { } field)
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid,
                $"{field} never changes in place (orders point at this price); POST /v1/prices/{{id}}/replace with new amounts instead.", field);
        if (nicknames.Check(new RenamePrice(body!.Nickname)) is { Count: > 0 } refused) return ApiProblem.From(refused);

        // Archiving can be refused (an offer sells the price), so it goes first: a refused request changes nothing.
        if (body.Active is { } active)
        {
            var changed = await archive.HandleAsync(new SetPriceArchived(price.Id, !active), ct);
            if (!changed.Succeeded) return ApiProblem.From(changed.Errors);
            price = changed.Value;
        }
        if (body.Nickname is not null)
        {
            price.Rename(body.Nickname);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(PriceResponse.From(price));
    }

    private static async Task<Results<Ok<PriceResponse>, ProblemHttpResult>> ReplacePriceAsync(
        string id, HttpRequest request, ReplacePriceAmountsHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Price, id, out var priceId)) return NoSuchPrice(id);
        var (body, problem) = await ApiJson.ReadAsync<PriceRequest>(request, MovedIntoRecurring);
        if (problem is not null) return problem;
        if (NotAnAmount(body!) is { } kept)
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid,
                $"{kept} is not an amount: /replace changes billing_scheme, unit_amount, package, tiers_mode and tiers only, and keeps the rest.", kept);
        var (tiers, tiersProblem) = ToTiers(body!.Tiers);
        if (tiersProblem is not null) return tiersProblem;
        var command = new ReplacePriceAmounts(priceId.Value, body.BillingScheme, body.UnitAmount, ToPackage(body.Package), body.TiersMode, tiers);
        var result = await handler.HandleAsync(command, ct);
        return result.Succeeded ? TypedResults.Ok(PriceResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<QuoteResponse>, ProblemHttpResult>> QuoteAsync(
        string id, HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var price = await FindAsync(db, id, ct);
        if (price is null) return NoSuchPrice(id);
        var raw = request.Query["quantity"].ToString();
        if (raw.Length == 0) return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give the quantity to quote, e.g. ?quantity=12.", "quantity");
        if (!long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var quantity))
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "The quantity must be a whole number.", "quantity");

        var quote = PriceCalculator.Quote(price, quantity);
        if (!quote.Succeeded) return ApiProblem.From(quote.Errors);
        var q = quote.Value;
        return TypedResults.Ok(new QuoteResponse(price.PublicId, q.Quantity, q.Amount, q.Currency, q.Breakdown,
            [.. q.Lines.Select(l => new QuoteLineResponse(l.Tier, l.From, l.UpTo, l.Quantity, l.UnitAmount, l.FlatAmount, l.Amount))]));
    }

    /// <summary>The first field of the body that a price cannot change after creation, by its API name.</summary>
    private static string? ImmutableField(PriceRequest body) =>
        body.UnitAmount is not null ? "unit_amount"
        : body.Currency is not null ? "currency"
        : body.Tiers is not null ? "tiers"
        : body.Package is not null ? "package"
        : body.BillingScheme is not null ? "billing_scheme"
        : body.TiersMode is not null ? "tiers_mode"
        : body.Type is not null ? "type"
        : body.Recurring is not null ? "recurring"
        : body.Product is not null ? "product"
        : body.Scope is not null ? "scope"
        : body.ParentListPrice is not null ? "parent_list_price"
        : null;

    /// <summary>The first field of a /replace body that is not an amount (the replacement keeps those), by its API name.</summary>
    private static string? NotAnAmount(PriceRequest body) =>
        body.Currency is not null ? "currency"
        : body.Type is not null ? "type"
        : body.Recurring is not null ? "recurring"
        : body.Product is not null ? "product"
        : body.Scope is not null ? "scope"
        : body.ParentListPrice is not null ? "parent_list_price"
        : body.Nickname is not null ? "nickname"
        : body.Active is not null ? "active"
        : null;

    /// <summary>The schedule's fields as Stripe places them, so a flat <c>interval</c> (Numi's first shape) is answered
    /// with where it belongs now rather than a bare "unknown parameter".</summary>
    private static readonly Dictionary<string, string> MovedIntoRecurring = new()
    {
        ["interval"] = "recurring.interval",
        ["interval_count"] = "recurring.interval_count",
        ["cancel_after_cycles"] = "recurring.cancel_after_cycles",
    };

    /// <summary>The use case names schedule fields flat (the merchant form shows them flat); the API names them inside
    /// <c>recurring</c>.</summary>
    private static Error InRecurring(Error error) =>
        error.Param is { } param && MovedIntoRecurring.TryGetValue(param, out var nested) ? error with { Param = nested } : error;

    private static PackageInput? ToPackage(PackageRequest? package) => package is null ? null : new PackageInput(package.Size, package.UnitAmount);

    /// <summary>The tiers of a body; a null tier is refused on its own index.</summary>
    private static (IReadOnlyList<TierInput>? Tiers, ProblemHttpResult? Problem) ToTiers(List<TierRequest?>? tiers)
    {
        if (tiers is null) return (null, null);
        var index = tiers.FindIndex(t => t is null);
        return index >= 0
            ? (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"Tier {index + 1} is null; give each tier an object.", $"tiers[{index}]"))
            : ([.. tiers.Select(t => new TierInput(t!.UpTo, t.UnitAmount, t.FlatAmount, t.From))], null);
    }

    private static async Task<Price?> FindAsync(NumiDbContext db, string id, CancellationToken ct, bool tracked = false)
    {
        if (!PublicId.TryParse(IdPrefixes.Price, id, out var key)) return null;
        var prices = tracked ? db.Prices : db.Prices.AsNoTracking();
        return await prices.FirstOrDefaultAsync(p => p.Id == key, ct);
    }

    private static ProblemHttpResult NoSuchPrice(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such price: '{id}'.", "id");
}
