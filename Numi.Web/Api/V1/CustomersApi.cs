using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>Customers: the people who bought, one per e-mail address (any case) in an organization.</summary>
public static class CustomersApi
{
    /// <param name="TaxExempt">Stripe's words: "none" or "exempt".</param>
    /// <param name="TimeZone">The customer's own IANA zone (retries are planned in the plan's window hours there), or null.</param>
    public sealed record CustomerResponse(string Id, string Email, string? Name, string? Phone, bool HasPaymentMethod, string TaxExempt, string? TimeZone, long Created)
    {
        public string Object => "customer";

        public static CustomerResponse From(Customer c) =>
            new(c.PublicId, c.Email, c.Name, c.Phone, c.DefaultPaymentMethod is not null, c.TaxExempt ? "exempt" : "none", c.TimeZone, c.CreatedAt.ToUnixSeconds());
    }

    public sealed class CustomerRequest
    {
        public string? TaxExempt { get; set; }
        /// <summary>An IANA zone, or "" to forget it.</summary>
        public string? TimeZone { get; set; }
    }

    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers", ListCustomersAsync).WithName("ListCustomers").WithSummary("Customers, newest first; ?email= finds one (any case).");
        api.MapGet("/customers/{id}", GetCustomerAsync).WithName("GetCustomer");
        api.MapPost("/customers/{id}", UpdateCustomerAsync).AcceptsJson<CustomerRequest>().WithName("UpdateCustomer")
            .WithSummary("Sets `tax_exempt` (\"exempt\" or \"none\") and/or `time_zone` (an IANA zone such as Asia/Tokyo, or \"\" to forget it).");
        return api;
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

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> UpdateCustomerAsync(string id, HttpRequest request,
        SetCustomerTaxExemptHandler taxHandler, SetCustomerTimeZoneHandler zoneHandler, IValidator<SetCustomerTimeZone> zoneValidator, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Customer, id, out var key)) return ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such customer: '{id}'.", "id");
        var (body, problem) = await ApiJson.ReadAsync<CustomerRequest>(request);
        if (problem is not null) return problem;
        bool? exempt;
        switch (body!.TaxExempt)
        {
            case "exempt": exempt = true; break;
            case "none": exempt = false; break;
            case null: exempt = null; break;
            default: return ApiProblem.Result(422, ErrorCodes.ParameterInvalid, "tax_exempt is \"exempt\" or \"none\".", "tax_exempt");
        }
        if (exempt is null && body.TimeZone is null)
            return ApiProblem.Result(400, ErrorCodes.ParameterMissing, "Give tax_exempt (\"exempt\" or \"none\") or time_zone (an IANA zone such as Asia/Tokyo, or \"\" to forget it).", "tax_exempt");
        // Both fields are checked before either is saved, so a bad zone does not leave the exemption changed.
        var zoneCommand = body.TimeZone is null ? null : new SetCustomerTimeZone(key.Value, body.TimeZone);
        if (zoneCommand is not null && zoneValidator.Check(zoneCommand) is { Count: > 0 } invalid) return ApiProblem.From(invalid);
        Result<Customer>? result = null;
        if (exempt is { } value) result = await taxHandler.HandleAsync(new SetCustomerTaxExempt(key.Value, value), ct);
        if (zoneCommand is not null && result is not { Succeeded: false }) result = await zoneHandler.HandleAsync(zoneCommand, ct);
        return result!.Succeeded ? TypedResults.Ok(CustomerResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }
}
