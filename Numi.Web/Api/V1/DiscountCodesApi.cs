using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>Discount codes, shaped like Stripe's coupons and promotion codes in one object.</summary>
public static class DiscountCodesApi
{
    public sealed record AppliesTo(IReadOnlyList<string> Products);

    public sealed record DiscountCodeResponse(string Id, string Code, int? PercentOff, long? AmountOff, string? Currency, string Duration,
        int? DurationInCycles, AppliesTo? AppliesTo, int? MaxRedemptions, int TimesRedeemed, bool OncePerCustomer, long? ValidFrom, long? ValidUntil,
        bool Active, long Created)
    {
        public string Object => "discount_code";

        public static DiscountCodeResponse From(DiscountCode c) => new(c.PublicId, c.Code, c.PercentOff, c.AmountOff, c.Currency, ApiJson.Name(c.Duration),
            c.DurationCycles, c.ProductIds.Count == 0 ? null : new AppliesTo([.. c.ProductIds.Select(p => PublicId.Format(IdPrefixes.Product, p))]),
            c.MaxRedemptions, c.TimesRedeemed, c.OncePerCustomer, c.ValidFrom?.ToUnixSeconds(), c.ValidUntil?.ToUnixSeconds(), c.Active, c.CreatedAt.ToUnixSeconds());
    }

    public sealed class AppliesToRequest
    {
        public List<string>? Products { get; set; }
    }

    public sealed class CreateRequest
    {
        public string? Code { get; set; }
        public int? PercentOff { get; set; }
        public long? AmountOff { get; set; }
        public string? Currency { get; set; }
        public DiscountDuration? Duration { get; set; }
        public int? DurationInCycles { get; set; }
        public AppliesToRequest? AppliesTo { get; set; }
        public int? MaxRedemptions { get; set; }
        public bool? OncePerCustomer { get; set; }
        public long? ValidFrom { get; set; }
        public long? ValidUntil { get; set; }
    }

    /// <summary>Only when and how often a code can be used may change; absent fields keep their value.</summary>
    public sealed class UpdateRequest
    {
        public int? MaxRedemptions { get; set; }
        public bool? OncePerCustomer { get; set; }
        public long? ValidFrom { get; set; }
        public long? ValidUntil { get; set; }
        public bool? Active { get; set; }
    }

    public static RouteGroupBuilder MapDiscountCodesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/discount_codes", ListAsync).WithName("ListDiscountCodes").WithSummary("Discount codes, newest first; ?active=true|false filters.");
        api.MapPost("/discount_codes", CreateAsync).AcceptsJson<CreateRequest>().WithName("CreateDiscountCode");
        api.MapGet("/discount_codes/{id}", GetAsync).WithName("GetDiscountCode");
        api.MapPost("/discount_codes/{id}", UpdateAsync).AcceptsJson<UpdateRequest>().WithName("UpdateDiscountCode")
            .WithSummary("Changes max_redemptions, once_per_customer, valid_from, valid_until; active=false archives it.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<DiscountCodeResponse>>, ProblemHttpResult>> ListAsync(HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var codes = db.DiscountCodes.AsNoTracking();
        var (active, problem) = ApiPaging.Flag(request, "active");
        if (problem is not null) return problem;
        if (active is { } wanted) codes = codes.Where(c => c.Active == wanted);
        return await ApiPaging.PageAsync(request, codes, IdPrefixes.DiscountCode, "/api/v1/discount_codes", DiscountCodeResponse.From, ct);
    }

    private static async Task<Results<Ok<DiscountCodeResponse>, ProblemHttpResult>> CreateAsync(HttpRequest request, CreateDiscountCodeHandler handler, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<CreateRequest>(request);
        if (problem is not null) return problem;
        var products = new List<Guid>();
        foreach (var product in body!.AppliesTo?.Products ?? [])
        {
            if (!PublicId.TryParse(IdPrefixes.Product, product, out var id))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "applies_to.products must list product ids (prod_…).", "applies_to.products");
            products.Add(id.Value);
        }
        var terms = new DiscountTerms(body.Code, body.PercentOff, body.AmountOff, body.Currency, body.Duration, body.DurationInCycles, products);
        var limits = new DiscountLimits(body.MaxRedemptions, body.OncePerCustomer ?? false, FromUnix(body.ValidFrom), FromUnix(body.ValidUntil));
        var result = await handler.HandleAsync(new CreateDiscountCode(terms, limits), ct);
        return result.Succeeded ? TypedResults.Ok(DiscountCodeResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<DiscountCodeResponse>, ProblemHttpResult>> GetAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var code = await FindAsync(db, id, ct);
        return code is null ? NoSuchCode(id) : TypedResults.Ok(DiscountCodeResponse.From(code));
    }

    private static async Task<Results<Ok<DiscountCodeResponse>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, NumiDbContext db,
        UpdateDiscountCodeHandler handler, CancellationToken ct)
    {
        var code = await FindAsync(db, id, ct);
        if (code is null) return NoSuchCode(id);
        var (body, problem) = await ApiJson.ReadAsync<UpdateRequest>(request);
        if (problem is not null) return problem;
        var limits = new DiscountLimits(body!.MaxRedemptions ?? code.MaxRedemptions, body.OncePerCustomer ?? code.OncePerCustomer,
            body.ValidFrom is null ? code.ValidFrom : FromUnix(body.ValidFrom), body.ValidUntil is null ? code.ValidUntil : FromUnix(body.ValidUntil));
        var result = await handler.HandleAsync(new UpdateDiscountCode(code.Id, limits, body.Active), ct);
        return result.Succeeded ? TypedResults.Ok(DiscountCodeResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static DateTime? FromUnix(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(s, 0, 253_402_300_799)).UtcDateTime : null;

    private static async Task<DiscountCode?> FindAsync(NumiDbContext db, string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.DiscountCode, id, out var key) ? await db.DiscountCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct) : null;

    private static ProblemHttpResult NoSuchCode(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such discount code: '{id}'.", "id");
}
