using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Portal;

public static class PortalEndpoints
{
    public static void MapPortalEndpoints(this WebApplication app)
    {
        app.MapPost("/portal/{organization}/sign-out", SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/portal/{organization}/invoices/{id}/pdf", GetInvoicePdfAsync).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Ends this portal's sign-in (its cookie, on its own path) and shows the sign-in form.</summary>
    private static async Task<Results<RedirectHttpResult, BadRequest, NotFound>> SignOutAsync(string organization, HttpContext http, NumiDbContext db, CancellationToken ct)
    {
        // The antiforgery middleware only records its verdict; endpoints that bind no form must read it themselves.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }) return TypedResults.BadRequest();
        if (await db.FindOrganizationBySlugAsync(organization, ct) is not { } owner) return TypedResults.NotFound();
        await PortalAuth.SignOutAsync(http, owner.Slug);
        return TypedResults.LocalRedirect(PortalAuth.PathOf(owner.Slug) + "?signedOut=true");
    }

    /// <summary>The signed-in customer's own invoice as a PDF, inside the organization the address names. Another
    /// customer's invoice, another organization's, or none at all is the same 404; a stranger goes to the sign-in form.</summary>
    private static async Task<Results<FileContentHttpResult, RedirectHttpResult, NotFound>> GetInvoicePdfAsync(string organization, string id,
        HttpContext http, NumiDbContext db, RequestTenant tenant, InvoiceDocuments documents, IInvoicePdf pdf, CancellationToken ct)
    {
        if (await db.FindOrganizationBySlugAsync(organization, ct) is not { } owner) return TypedResults.NotFound();
        tenant.Enter(owner.Id, owner.Name, owner.Slug, role: null);
        if (await PortalAuth.CustomerOfAsync(http, owner.Id) is not { } customer) return TypedResults.LocalRedirect(PortalAuth.PathOf(owner.Slug));
        var document = PublicId.TryParse(IdPrefixes.Invoice, id, out var key) ? await documents.ReadAsync(key.Value, customer, ct) : null;
        if (document is null) return TypedResults.NotFound();
        return TypedResults.File(await pdf.RenderAsync(document, ct), "application/pdf", document.FileName);
    }
}
