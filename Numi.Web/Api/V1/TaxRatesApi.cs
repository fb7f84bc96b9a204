using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>Tax rates, shaped like Stripe's. <c>percentage</c> is an exact decimal (a JSON number, or a string such as
/// "8.875"), at most four decimals; it is never stored as a float.</summary>
public static class TaxRatesApi
{
    public sealed record TaxRateResponse(string Id, string DisplayName, string Country, string? State, decimal Percentage, bool Inclusive, bool Active,
        long Created)
    {
        public string Object => "tax_rate";

        public static TaxRateResponse From(TaxRate r) =>
            new(r.PublicId, r.DisplayName, r.Country, r.Region, r.Percentage, r.Inclusive, r.Active, r.CreatedAt.ToUnixSeconds());
    }

    /// <summary>Create and update share one body; on update, absent fields keep their value and "" clears the state.</summary>
    public sealed class TaxRateRequest
    {
        public string? DisplayName { get; set; }
        public string? Country { get; set; }
        public string? State { get; set; }
        public decimal? Percentage { get; set; }
        public bool? Inclusive { get; set; }
        public bool? Active { get; set; }
    }

    public static RouteGroupBuilder MapTaxRatesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tax_rates", ListTaxRatesAsync).WithName("ListTaxRates").WithSummary("Tax rates, newest first; ?active=true|false filters.");
        api.MapPost("/tax_rates", CreateTaxRateAsync).AcceptsJson<TaxRateRequest>().WithName("CreateTaxRate");
        api.MapGet("/tax_rates/{id}", GetTaxRateAsync).WithName("GetTaxRate");
        api.MapPost("/tax_rates/{id}", UpdateTaxRateAsync).AcceptsJson<TaxRateRequest>().WithName("UpdateTaxRate").WithSummary("Changes fields; active=false archives it.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<TaxRateResponse>>, ProblemHttpResult>> ListTaxRatesAsync(HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var rates = db.TaxRates.AsNoTracking();
        var (active, problem) = ApiPaging.Flag(request, "active");
        if (problem is not null) return problem;
        if (active is { } wanted) rates = rates.Where(r => r.Active == wanted);
        return await ApiPaging.PageAsync(request, rates, IdPrefixes.TaxRate, "/api/v1/tax_rates", TaxRateResponse.From, ct);
    }

    private static async Task<Results<Ok<TaxRateResponse>, ProblemHttpResult>> CreateTaxRateAsync(HttpRequest request, CreateTaxRateHandler handler, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<TaxRateRequest>(request);
        if (problem is not null) return problem;
        if (body!.Active == false) return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "A new tax rate is active; archive it afterwards.", "active");
        var fields = new TaxRateFields(body.DisplayName, body.Country, body.State, body.Percentage, body.Inclusive ?? false);
        var result = await handler.HandleAsync(new CreateTaxRate(fields), ct);
        return result.Succeeded ? TypedResults.Ok(TaxRateResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<TaxRateResponse>, ProblemHttpResult>> GetTaxRateAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var rate = await FindAsync(db, id, ct);
        return rate is null ? NoSuchRate(id) : TypedResults.Ok(TaxRateResponse.From(rate));
    }

    private static async Task<Results<Ok<TaxRateResponse>, ProblemHttpResult>> UpdateTaxRateAsync(string id, HttpRequest request, NumiDbContext db,
        UpdateTaxRateHandler handler, CancellationToken ct)
    {
        var rate = await FindAsync(db, id, ct);
        if (rate is null) return NoSuchRate(id);
        var (body, problem) = await ApiJson.ReadAsync<TaxRateRequest>(request);
        if (problem is not null) return problem;
        var fields = new TaxRateFields(body!.DisplayName ?? rate.DisplayName, body.Country ?? rate.Country, body.State ?? rate.Region,
            body.Percentage ?? rate.Percentage, body.Inclusive ?? rate.Inclusive);
        var result = await handler.HandleAsync(new UpdateTaxRate(rate.Id, fields, body.Active), ct);
        return result.Succeeded ? TypedResults.Ok(TaxRateResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<TaxRate?> FindAsync(NumiDbContext db, string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.TaxRate, id, out var key) ? await db.TaxRates.AsNoTracking().FirstOrDefaultAsync(r => r.Id == key, ct) : null;

    private static ProblemHttpResult NoSuchRate(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such tax rate: '{id}'.", "id");
}
