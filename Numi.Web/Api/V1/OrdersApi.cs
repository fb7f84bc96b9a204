using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;
using static Numi.Web.Api.V1.CheckoutSessionsApi;

namespace Numi.Web.Api.V1;

/// <summary>Orders, with their refunds.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/orders", ListOrdersAsync).WithName("ListOrders").WithSummary("Orders, newest first; ?customer= filters.");
        api.MapGet("/orders/{id}", GetOrderAsync).WithName("GetOrder");
        api.MapPost("/orders/{id}/refunds", RefundOrderAsync).AcceptsJson<RefundRequest>().WithName("RefundOrder")
            .WithSummary("Refunds the order: all that is left, or `amount` (minor units) of it, with an optional `reason`.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<OrderResponse>>, ProblemHttpResult>> ListOrdersAsync(HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery();
        var customer = request.Query["customer"].ToString();
        if (customer.Length > 0)
        {
            if (!PublicId.TryParse(IdPrefixes.Customer, customer, out var customerId))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "customer must be a customer id (cus_…).", "customer");
            orders = orders.Where(o => o.CustomerId == customerId);
        }
        return await ApiPaging.PageAsync(request, orders, IdPrefixes.Order, "/api/v1/orders", OrderResponse.From, ct);
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetOrderAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var order = PublicId.TryParse(IdPrefixes.Order, id, out var key)
            ? await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == key, ct)
            : null;
        return order is null ? ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such order: '{id}'.", "id") : TypedResults.Ok(OrderResponse.From(order));
    }

    public sealed class RefundRequest
    {
        public long? Amount { get; set; }
        public string? Reason { get; set; }
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> RefundOrderAsync(string id, HttpRequest request, RefundOrderHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Order, id, out var key)) return ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such order: '{id}'.", "id");
        var (body, problem) = await ApiJson.ReadAsync<RefundRequest>(request);
        if (problem is not null) return problem;
        var result = await handler.HandleAsync(new RefundOrder(key.Value, body!.Amount, body.Reason), ct);
        return result.Succeeded ? TypedResults.Ok(OrderResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }
}
