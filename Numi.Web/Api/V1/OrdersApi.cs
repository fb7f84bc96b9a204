using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;
using static Numi.Web.Api.V1.CheckoutSessionsApi;

namespace Numi.Web.Api.V1;

/// <summary>Orders (with refunds) and customers.</summary>
public static class OrdersApi
{
    /// <param name="TaxExempt">Stripe's words: "none" or "exempt".</param>
    public sealed record CustomerResponse(string Id, string Email, string? Name, string? Phone, bool HasPaymentMethod, string TaxExempt, long Created)
    {
        public string Object => "customer";

        public static CustomerResponse From(Customer c) =>
            new(c.PublicId, c.Email, c.Name, c.Phone, c.DefaultPaymentMethod is not null, c.TaxExempt ? "exempt" : "none", c.CreatedAt.ToUnixSeconds());
    }

    public sealed class CustomerRequest
    {
        public string? TaxExempt { get; set; }
    }

    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/orders", ListOrdersAsync).WithName("ListOrders").WithSummary("Orders, newest first; ?customer= filters.");
        api.MapGet("/orders/{id}", GetOrderAsync).WithName("GetOrder");
        api.MapPost("/orders/{id}/refunds", RefundOrderAsync).AcceptsJson<RefundRequest>().WithName("RefundOrder")
            .WithSummary("Refunds the order: all that is left, or `amount` (minor units) of it, with an optional `reason`.");
        api.MapGet("/customers", ListCustomersAsync).WithName("ListCustomers").WithSummary("Customers, newest first; ?email= finds one (any case).");
        api.MapGet("/customers/{id}", GetCustomerAsync).WithName("GetCustomer");
        api.MapPost("/customers/{id}", UpdateCustomerAsync).AcceptsJson<CustomerRequest>().WithName("UpdateCustomer").WithSummary("Sets `tax_exempt`: \"exempt\" or \"none\".");
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

    private static async Task<Results<Ok<ApiList<CustomerResponse>>, ProblemHttpResult>> ListCustomersAsync(HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking();
        var email = request.Query["email"].ToString();
        if (email.Length > 0)
        {
            var key = Customer.KeyOf(email);
            customers = customers.Where(c => c.EmailKey == key);
        }
        return await ApiPaging.PageAsync(request, customers, IdPrefixes.Customer, "/api/v1/customers", CustomerResponse.From, ct);
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetCustomerAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var customer = PublicId.TryParse(IdPrefixes.Customer, id, out var key)
            ? await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct)
            : null;
        return customer is null ? ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such customer: '{id}'.", "id") : TypedResults.Ok(CustomerResponse.From(customer));
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> UpdateCustomerAsync(string id, HttpRequest request, SetCustomerTaxExemptHandler handler,
        CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Customer, id, out var key)) return ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such customer: '{id}'.", "id");
        var (body, problem) = await ApiJson.ReadAsync<CustomerRequest>(request);
        if (problem is not null) return problem;
        bool exempt;
        switch (body!.TaxExempt)
        {
            case "exempt": exempt = true; break;
            case "none": exempt = false; break;
            case null: return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give tax_exempt: \"exempt\" or \"none\".", "tax_exempt");
            default: return ApiProblem.Result(422, ErrorCodes.ParameterInvalid, "tax_exempt is \"exempt\" or \"none\".", "tax_exempt");
        }
        var result = await handler.HandleAsync(new SetCustomerTaxExempt(key.Value, exempt), ct);
        return result.Succeeded ? TypedResults.Ok(CustomerResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }
}
