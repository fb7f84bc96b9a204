using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>Plans: a recurring price with its trial, dunning campaign and retry settings. <c>settings</c> is read and
/// answered whole, in the shape the billing engine uses (<see cref="PlanSettings"/>, snake_case); on create an absent
/// <c>settings</c> is the default (no trial, the standard campaign, the default retry settings).</summary>
public static class PlansApi
{
    public sealed record PlanResponse(string Id, string Price, string Name, bool Active, PlanSettings Settings, long Created, long Updated)
    {
        public string Object => "plan";

        public static PlanResponse From(Plan p) =>
            new(p.PublicId, PublicId.Format(IdPrefixes.Price, p.PriceId), p.Name, p.Active, p.Settings, p.CreatedAt.ToUnixSeconds(), p.UpdatedAt.ToUnixSeconds());
    }

    /// <summary>Create takes all three (price required); update takes name and settings, absent ones keeping their value.</summary>
    public sealed class PlanRequest
    {
        public string? Price { get; set; }
        public string? Name { get; set; }
        public PlanSettings? Settings { get; set; }
    }

    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", ListPlansAsync).WithName("ListPlans").WithSummary("Plans, newest first; ?active=true|false filters.");
        api.MapPost("/plans", CreatePlanAsync).AcceptsJson<PlanRequest>().WithName("CreatePlan");
        api.MapGet("/plans/{id}", GetPlanAsync).WithName("GetPlan");
        api.MapPost("/plans/{id}", UpdatePlanAsync).AcceptsJson<PlanRequest>().WithName("UpdatePlan").WithSummary("Changes the name or settings; the price stays.");
        api.MapPost("/plans/{id}/archive", ArchivePlanAsync).AcceptsJson<EmptyRequest>().WithName("ArchivePlan")
            .WithSummary("Archives the plan: subscriptions on it keep its settings; it cannot be archived twice.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<PlanResponse>>, ProblemHttpResult>> ListPlansAsync(HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var plans = db.Plans.AsNoTracking();
        var (active, problem) = ApiPaging.Flag(request, "active");
        if (problem is not null) return problem;
        if (active is { } wanted) plans = plans.Where(p => p.Active == wanted);
        return await ApiPaging.PageAsync(request, plans, IdPrefixes.Plan, "/api/v1/plans", PlanResponse.From, ct);
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> CreatePlanAsync(HttpRequest request, CreatePlanHandler handler, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<PlanRequest>(request);
        if (problem is not null) return problem;
        if (string.IsNullOrEmpty(body!.Price)) return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Name the recurring price the plan is for (price_…).", "price");
        if (!PublicId.TryParse(IdPrefixes.Price, body.Price, out var priceId))
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "price must be a price id (price_…).", "price");
        var result = await handler.HandleAsync(new CreatePlan(priceId.Value, new PlanFields(body.Name, body.Settings ?? PlanSettings.Default)), ct);
        return result.Succeeded ? TypedResults.Ok(PlanResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetPlanAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var plan = await FindAsync(db, id, ct);
        return plan is null ? NoSuchPlan(id) : TypedResults.Ok(PlanResponse.From(plan));
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> UpdatePlanAsync(string id, HttpRequest request, NumiDbContext db,
        UpdatePlanHandler handler, CancellationToken ct)
    {
        var plan = await FindAsync(db, id, ct);
        if (plan is null) return NoSuchPlan(id);
        var (body, problem) = await ApiJson.ReadAsync<PlanRequest>(request);
        if (problem is not null) return problem;
        if (body!.Price is not null)
            return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "A plan's price cannot change; create a plan for the other price.", "price");
        var result = await handler.HandleAsync(new UpdatePlan(plan.Id, new PlanFields(body.Name ?? plan.Name, body.Settings ?? plan.Settings)), ct);
        return result.Succeeded ? TypedResults.Ok(PlanResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> ArchivePlanAsync(string id, HttpRequest request, NumiDbContext db,
        ArchivePlanHandler handler, CancellationToken ct)
    {
        var plan = await FindAsync(db, id, ct);
        if (plan is null) return NoSuchPlan(id);
        var (_, problem) = await ApiJson.ReadAsync<EmptyRequest>(request);
        if (problem is not null) return problem;
        var result = await handler.HandleAsync(new ArchivePlan(plan.Id), ct);
        return result.Succeeded ? TypedResults.Ok(PlanResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Plan?> FindAsync(NumiDbContext db, string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Plan, id, out var key) ? await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == key, ct) : null;

    private static ProblemHttpResult NoSuchPlan(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such plan: '{id}'.", "id");
}
