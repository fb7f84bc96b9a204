using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;
using Numi.Core.Invoices;

namespace Numi.Web.Api.V1;

/// <summary>An invoice's PDF and its retry schedule.</summary>
public static partial class InvoicesApi
{
    /// <param name="ScheduledAt">When the attempt is planned (Unix seconds).</param>
    /// <param name="TimeZone">The IANA zone the plan's retry window is read in: the customer's own when known, else the plan's.</param>
    public sealed record PlannedAttemptResponse(int Attempt, long ScheduledAt, string TimeZone, string Reason)
    {
        public string Object => "retry_attempt";
    }

    /// <param name="NotRetryingReason">Why nothing is planned (paid, void, a new card needed…); null while attempts are planned.</param>
    public sealed record RetryScheduleResponse(string Invoice, IReadOnlyList<PlannedAttemptResponse> Data, string? NotRetryingReason)
    {
        public string Object => "list";
        public bool HasMore => false;

        public static RetryScheduleResponse From(string invoice, InvoiceRetryPlan plan) => new(invoice,
            [.. plan.Attempts.Select(a => new PlannedAttemptResponse(a.Attempt, a.AtUtc.ToUnixSeconds(), a.TimeZone, a.Reason))], plan.NotRetrying);
    }

    // IResult rather than Results<…>: the file's typed result would describe its 200 without the PDF's media type.
    private static async Task<IResult> GetInvoicePdfAsync(string id, InvoiceDocuments documents,
        IInvoicePdf pdf, CancellationToken ct)
    {
        var document = PublicId.TryParse(IdPrefixes.Invoice, id, out var key) ? await documents.ReadAsync(key.Value, customerId: null, ct) : null;
        if (document is null) return NoSuchInvoice(id);
        return TypedResults.File(await pdf.RenderAsync(document, ct), "application/pdf", document.FileName);
    }

    private static async Task<Results<Ok<RetryScheduleResponse>, ProblemHttpResult>> GetRetryScheduleAsync(string id, ReadInvoiceRetryPlan plans,
        CancellationToken ct)
    {
        var plan = PublicId.TryParse(IdPrefixes.Invoice, id, out var key) ? await plans.ReadAsync(key.Value, ct) : null;
        return plan is null ? NoSuchInvoice(id) : TypedResults.Ok(RetryScheduleResponse.From(PublicId.Format(IdPrefixes.Invoice, key!.Value), plan));
    }
}
