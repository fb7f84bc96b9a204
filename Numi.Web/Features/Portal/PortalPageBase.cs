using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Customers;
using Numi.Core.Offers;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Portal;

/// <summary>Every portal page: enters the organization its address names (an unknown one is a 404), reads its brand,
/// and finds the customer signed in to this portal. A page that needs one sends a stranger to the portal's sign-in form.
/// Everything after runs inside the organization, and each page narrows its queries to <see cref="CustomerId"/>.</summary>
public abstract class PortalPageBase : ComponentBase
{
    [Parameter] public string Organization { get; set; } = "";
    [CascadingParameter] protected HttpContext Http { get; set; } = default!;
    [Inject] protected NumiDbContext Db { get; set; } = default!;
    [Inject] protected RequestTenant Tenant { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected ControllableClock Clock { get; set; } = default!;

    protected OrganizationName Owner { get; private set; } = default!;
    protected OfferDesign Brand { get; private set; } = OfferDesign.Default;
    protected Guid CustomerId { get; private set; }
    protected Customer? Customer { get; private set; }
    protected TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    /// <summary>Set once the page has all it shows; nothing renders before (a redirect or a 404 may come first).</summary>
    protected bool Ready { get; private set; }

    protected string Home => PortalAuth.PathOf(Owner.Slug);

    /// <summary>Pages for a signed-in customer only (all but the sign-in form and the link).</summary>
    protected virtual bool ForCustomers => true;

    protected CancellationToken Aborted => Http.RequestAborted;

    protected override async Task OnInitializedAsync()
    {
        if (await Db.FindOrganizationBySlugAsync(Organization, Aborted) is not { } owner)
        {
            Navigation.NotFound();
            return;
        }
        Owner = owner;
        Tenant.Enter(owner.Id, owner.Name, owner.Slug, role: null);
        Brand = await PortalBrand.OfAsync(Db, Aborted);
        var zone = await Db.Organizations.AsNoTracking().Select(o => o.TimeZone).FirstAsync(Aborted);
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        if (await PortalAuth.CustomerOfAsync(Http, owner.Id) is { } customerId)
        {
            Customer = await Db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, Aborted);
            CustomerId = Customer?.Id ?? Guid.Empty;
        }
        if (ForCustomers && Customer is null)
        {
            Navigation.NavigateTo(Home);
            return;
        }
        if (!await LoadAsync()) return;
        Ready = true;
    }

    /// <summary>Reads what the page shows; false when it has answered otherwise (a 404, a redirect).</summary>
    protected virtual Task<bool> LoadAsync() => Task.FromResult(true);

    /// <summary>A date in the merchant's time zone, e.g. "3 Dec 2026".</summary>
    protected string Date(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Another customer's row, or one that does not exist, looks the same: not found.</summary>
    protected bool NotFound()
    {
        Navigation.NotFound();
        return false;
    }
}
