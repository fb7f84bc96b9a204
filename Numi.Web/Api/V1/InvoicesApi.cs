using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

/// <summary>Invoices, shaped like Stripe's: the renewal invoices of subscriptions with their lines, discount, tax,
/// payment attempts, the next attempt and why it is then (the retry scheduler's sentence), and credit notes. Another
/// organization's id is a 404.</summary>
public static partial class InvoicesApi
{
    public sealed record LineResponse(string Description, int Quantity, long UnitAmount, long Amount);

    public sealed record LineList(IReadOnlyList<LineResponse> Data)
    {
        public string Object => "list";
    }

    public sealed record CreditNoteResponse(string Id, long Amount, string Currency, string? Reason, long Created)
    {
        public string Object => "credit_note";

        public static CreditNoteResponse From(CreditNote n) => new(n.PublicId, n.Amount, n.Currency, n.Reason, n.CreatedAt.ToUnixSeconds());
    }

    /// <param name="NextPaymentAttempt">When the next attempt is due (Unix seconds); null when none is planned.</param>
    /// <param name="RetryReason">Why the next attempt is then, or why there is none.</param>
    /// <param name="BillingReason">Stripe's words: <c>subscription_cycle</c> for a renewal, <c>subscription_update</c> for
    /// a plan change's proration.</param>
    /// <param name="AmountDue">The total less the subscription's credit the invoice took: what the card is charged.</param>
    public sealed record InvoiceResponse(string Id, string Number, string Status, string BillingReason, string Customer, string Subscription, int Cycle,
        long PeriodStart, long PeriodEnd, string Currency, LineList Lines, long Subtotal, string? DiscountCode, long AmountDiscount,
        string? TaxName, decimal? TaxPercent, bool TaxInclusive, long Tax, long Total, long AmountCreditApplied, long AmountDue, long AmountPaid, long AmountCredited,
        int AttemptCount, long? LastAttempt, string? LastDeclineCode, long? NextPaymentAttempt, string? RetryReason, bool NewCardNeeded,
        string? PaymentIntent, long? PaidAt, long? VoidedAt, IReadOnlyList<CreditNoteResponse> CreditNotes, long Created)
    {
        public string Object => "invoice";

        public static InvoiceResponse From(Invoice i) => new(i.PublicId, i.DisplayNumber, ApiJson.Name(i.Status),
            i.Kind == InvoiceKind.Proration ? "subscription_update" : "subscription_cycle",
            PublicId.Format(IdPrefixes.Customer, i.CustomerId), PublicId.Format(IdPrefixes.Subscription, i.SubscriptionId), i.Cycle,
            i.PeriodStart.ToUnixSeconds(), i.PeriodEnd.ToUnixSeconds(), i.Currency,
            new LineList([.. i.Lines.Select(l => new LineResponse(l.Description, l.Quantity, l.UnitAmount, l.Amount))]),
            i.AmountSubtotal, i.DiscountCode, i.AmountDiscount, i.TaxName, i.TaxRatePpm is { } ppm ? Core.Tax.TaxRate.PercentageOf(ppm) : null,
            i.TaxInclusive, i.AmountTax, i.AmountTotal, i.AmountCreditApplied, i.AmountDue, i.AmountPaid, i.AmountCredited, i.AttemptCount, i.LastAttemptAt?.ToUnixSeconds(),
            i.LastDeclineCode, i.NextAttemptAt?.ToUnixSeconds(), i.RetryReason, i.NewCardNeeded, i.PaymentIntentId, i.PaidAt?.ToUnixSeconds(),
            i.VoidedAt?.ToUnixSeconds(),
            [.. i.CreditNotes.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(CreditNoteResponse.From)],
            i.CreatedAt.ToUnixSeconds());
    }

    public static RouteGroupBuilder MapInvoicesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/invoices", ListInvoicesAsync).WithName("ListInvoices")
            .WithSummary("Invoices, newest first; ?subscription= and ?status= filter.");
        api.MapGet("/invoices/{id}", GetInvoiceAsync).WithName("GetInvoice")
            .WithSummary("An invoice with its lines, attempts, next attempt and the reason for it.");
        api.MapPost("/invoices/{id}/void", VoidInvoiceAsync).AcceptsJson<EmptyRequest>().WithName("VoidInvoice")
            .WithSummary("Voids a draft or open invoice: nothing more is attempted on it.");
        api.MapPost("/invoices/{id}/pay", PayInvoiceAsync).AcceptsJson<EmptyRequest>().WithName("PayInvoice")
            .WithSummary("Charges an open invoice now with its subscription's saved card, as its next attempt: paid, a past-due subscription is active again; declined, a 402 with the decline code, and the attempt is recorded.");
        api.MapPost("/invoices/{id}/credit_notes", CreateCreditNoteAsync).AcceptsJson<OrdersApi.RefundRequest>().WithName("CreateCreditNote")
            .Produces<CreditNoteResponse>(StatusCodes.Status201Created)
            .WithSummary("Refunds a paid invoice through the processor that took its payment: all that is left, or `amount` (minor units) of it, with an optional `reason`; the credit note recording it.");
        api.MapGet("/invoices/{id}/pdf", GetInvoicePdfAsync).WithName("GetInvoicePdf")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf")
            .WithSummary("The invoice as a PDF (INV-000123.pdf) with the merchant's name and logo.");
        api.MapGet("/invoices/{id}/retry_schedule", GetRetryScheduleAsync).WithName("GetInvoiceRetrySchedule")
            .WithSummary("The invoice's remaining planned payment attempts with their reasons, or why there are none.");
        return api;
    }

    private static IQueryable<Invoice> Invoices(NumiDbContext db) =>
        db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.CreditNotes).AsSplitQuery();

    private static async Task<Results<Ok<ApiList<InvoiceResponse>>, ProblemHttpResult>> ListInvoicesAsync(HttpRequest request, NumiDbContext db,
        CancellationToken ct)
    {
        var invoices = Invoices(db);
        var subscription = request.Query["subscription"].ToString();
        if (subscription.Length > 0)
        {
            if (!PublicId.TryParse(IdPrefixes.Subscription, subscription, out var subscriptionId))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "subscription must be a subscription id (sub_…).", "subscription");
            invoices = invoices.Where(i => i.SubscriptionId == subscriptionId);
        }
        var status = request.Query["status"].ToString();
        if (status.Length > 0)
        {
            if (!Enum.GetValues<InvoiceStatus>().Any(s => ApiJson.Name(s) == status))
                return ApiProblem.Result(400, ErrorCodes.ParameterInvalid,
                    $"status must be one of: {string.Join(", ", Enum.GetValues<InvoiceStatus>().Select(ApiJson.Name))}.", "status");
            var wanted = Enum.GetValues<InvoiceStatus>().First(s => ApiJson.Name(s) == status);
            invoices = invoices.Where(i => i.Status == wanted);
        }
        return await ApiPaging.PageAsync(request, invoices, IdPrefixes.Invoice, "/api/v1/invoices", InvoiceResponse.From, ct);
    }

    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> GetInvoiceAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var invoice = PublicId.TryParse(IdPrefixes.Invoice, id, out var key) ? await Invoices(db).FirstOrDefaultAsync(i => i.Id == key, ct) : null;
        return invoice is null ? NoSuchInvoice(id) : TypedResults.Ok(InvoiceResponse.From(invoice));
    }

    private static Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> VoidInvoiceAsync(string id, HttpRequest request, VoidInvoiceHandler handler,
        CancellationToken ct) => ActAsync(id, request, key => handler.HandleAsync(new VoidInvoice(key), ct));

    private static Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> PayInvoiceAsync(string id, HttpRequest request, PayInvoiceHandler handler,
        CancellationToken ct) => ActAsync(id, request, key => handler.HandleAsync(new PayInvoice(key), ct));

    private static async Task<Results<Created<CreditNoteResponse>, ProblemHttpResult>> CreateCreditNoteAsync(string id, HttpRequest request,
        CreditInvoiceHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Invoice, id, out var key)) return NoSuchInvoice(id);
        var (body, problem) = await ApiJson.ReadAsync<OrdersApi.RefundRequest>(request);
        if (problem is not null) return problem;
        var result = await handler.HandleAsync(new CreditInvoice(key.Value, body!.Amount, body.Reason), ct);
        if (result.Succeeded) return TypedResults.Created($"/api/v1/invoices/{id}", CreditNoteResponse.From(result.Value));
        return result.FirstError.Code == ErrorCodes.ResourceMissing ? NoSuchInvoice(id) : ApiProblem.From(result.Errors);
    }

    /// <summary>An action on one invoice with an empty JSON body: unknown ids (and other organizations') are 404s.</summary>
    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> ActAsync(string id, HttpRequest request,
        Func<Guid, Task<Result<Invoice>>> act)
    {
        if (!PublicId.TryParse(IdPrefixes.Invoice, id, out var key)) return NoSuchInvoice(id);
        var (_, problem) = await ApiJson.ReadAsync<EmptyRequest>(request);
        if (problem is not null) return problem;
        var result = await act(key.Value);
        if (result.Succeeded) return TypedResults.Ok(InvoiceResponse.From(result.Value));
        return result.FirstError.Code == ErrorCodes.ResourceMissing ? NoSuchInvoice(id) : ApiProblem.From(result.Errors);
    }

    private static ProblemHttpResult NoSuchInvoice(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such invoice: '{id}'.", "id");
}
