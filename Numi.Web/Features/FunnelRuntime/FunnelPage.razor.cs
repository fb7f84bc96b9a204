using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Checkout;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>The public funnel, <c>/f/{organization}/{funnel}[/{step}]</c>: static SSR like the checkout, usable
/// without JavaScript. A view opens or resumes the visitor's funnel session (<see cref="FunnelVisit"/>); each step's
/// form posts to the step itself. A checkout step is the offer's checkout page itself, as its shareable link shows it
/// (<see cref="CheckoutPage"/> with <see cref="FunnelCheckout"/>): the shopper's first post opens the checkout session,
/// tied to the funnel session, and once paid sends the shopper to <c>…/next</c> (<see cref="FunnelReturn"/>).</summary>
public partial class FunnelPage
{
    /// <summary>The route word for "where the session is now", after a checkout; never a step key ("step_…"), so it is
    /// a step not reached and sends the shopper to the current one (the paid order already moved the session on).</summary>
    public const string NextStep = "next";

    [Inject] private FunnelVisit Visit { get; set; } = default!;
    [Inject] private NumiDbContext Db { get; set; } = default!;
    [Inject] private CheckoutOffers Offers { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private AcceptUpsellHandler AcceptUpsell { get; set; } = default!;

    [Parameter] public string Organization { get; set; } = "";
    [Parameter] public string FunnelSlug { get; set; } = "";
    [Parameter] public string? StepKey { get; set; }
    [CascadingParameter] private HttpContext? Http { get; set; }
    [SupplyParameterFromQuery(Name = "preview")] private string? PreviewQuery { get; set; }
    [SupplyParameterFromForm(FormName = "funnel", Name = "Input")] private FunnelInput? Input { get; set; }

    private SnapshotStep? _step;
    private string _arm = StepVariant.ControlKey;
    private int _position;
    private int _steps;
    private IReadOnlyList<ContentBlock> _blocks = [];
    private List<Offer> _offers = [];
    private OfferDesign? _design;
    private bool _unavailable;
    private string? _error;
    private List<Order> _orders = [];
    /// <summary>The checkout step's offer page, set once everything else is ready (Blazor renders at the first await).</summary>
    private FunnelCheckout? _checkout;

    /// <summary>A post of one of the page's forms: the step's own (<see cref="Input"/>) or the checkout's.</summary>
    private bool Posted => Http is not null && HttpMethods.IsPost(Http.Request.Method);

    protected override async Task OnInitializedAsync()
    {
        if (PreviewQuery == "draft")
        {
            await OpenPreviewAsync();
            return;
        }
        if (Http is null || !await Visit.OpenAsync(Http, Organization, FunnelSlug, CancellationToken.None))
        {
            Navigation.NotFound();
            return;
        }
        if (StepKey is not null && !Visit.Reached(StepKey))
        {
            await Visit.SaveAsync(CancellationToken.None);
            Navigation.NavigateTo(Visit.PathOf(Visit.Current));
            return;
        }
        _step = StepKey is null ? Visit.Current : Visit.Snapshot.Steps[Visit.IndexOf(StepKey)];
        // Paid (here, or by a webhook while the page was open): the checkout is not shown again, never a second order.
        if (_step.Type == FunnelStepType.Checkout && Visit.Session.OrderId is not null && !Visit.IsBot)
        {
            Navigation.NavigateTo(Visit.PathOf(Visit.Current));
            return;
        }
        await ShowAsync();
        // A post records its own events (SubmitAsync, the checkout's start); a view records that it was seen.
        if (!Posted)
        {
            if (Visit.IsNewSession && StepKey is null && !_unavailable) FunnelFirstViewMiddleware.Describe(Http, Visit, _step, _arm);
            // The offer's page as every visitor of this version, arm and offer sees it: kept for the next one's view.
            if (_step.Type == FunnelStepType.Checkout && !_unavailable && _orders.Count == 0 && !Visit.IsBot && _offers.Count > 0)
                FunnelCheckoutStepMiddleware.Describe(Http, Visit, _step, _arm, _offers[0].Id);
            Visit.Record(FunnelEventKinds.StepViewed, _step);
            if (_step.Type == FunnelStepType.ThankYou) Visit.Session.Complete(Visit.Now);
            await Visit.FinishViewAsync(CancellationToken.None);
        }
        else await Visit.SaveAsync(CancellationToken.None);
        ShowCheckout();
    }

    /// <summary>On a checkout step, the offer's page. A bot's post never reaches the checkout's start (LinkPreviewAgents),
    /// and the preview's opens nothing.</summary>
    private void ShowCheckout()
    {
        if (_step is not { Type: FunnelStepType.Checkout } step || _unavailable || _offers.Count == 0) return;
        _checkout = new FunnelCheckout(_offers[0].Id, Visit.Preview, $"/f/{Visit.Funnel.OrganizationSlug}/{Visit.FunnelSlug}/{NextStep}", session => StartedAsync(step, session));
    }

    /// <summary>The checkout session the shopper's first post opened: the funnel session's, before anything is charged,
    /// so the order made from it is attributed to the funnel (Core's FunnelAttribution).</summary>
    private async Task StartedAsync(SnapshotStep checkout, CheckoutSession started)
    {
        Visit.Session.MoveTo(checkout.Key, Visit.Now);
        Visit.Session.LinkCheckout(started.Id, Visit.Now);
        Visit.Record(FunnelEventKinds.CheckoutStarted, checkout);
        await Visit.SaveAsync(CancellationToken.None);
    }

    /// <summary>The draft, for a signed-in member only (anyone else is sent to sign in, or gets the 404 page): every
    /// step can be opened, and nothing is written or recorded.</summary>
    private async Task OpenPreviewAsync()
    {
        if (Http?.User.Identity?.IsAuthenticated != true)
        {
            Navigation.NavigateTo("/account/signin?returnUrl=" + Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri).Insert(0, "/")));
            return;
        }
        if (!await Visit.OpenPreviewAsync(Organization, FunnelSlug, CancellationToken.None))
        {
            Navigation.NotFound();
            return;
        }
        _step = StepKey is not null && Visit.IndexOf(StepKey) is >= 0 and var index ? Visit.Snapshot.Steps[index] : Visit.Snapshot.Steps[0];
        await ShowAsync();
        ShowCheckout();
    }

    /// <summary>What the step shows: the arm's blocks (a variant without blocks of its own keeps the step's), the arm's
    /// offer, the brand of that offer (or of the funnel's first offer), and what this session bought.</summary>
    private async Task ShowAsync()
    {
        var step = _step!;
        var variant = Visit.VariantOf(step);
        _arm = variant?.Key ?? StepVariant.ControlKey;
        _blocks = variant is { OwnBlocks.Count: > 0 } ? variant.OwnBlocks : step.Blocks;
        (_position, _steps) = (Visit.IndexOf(step.Key), Visit.Snapshot.Steps.Count);
        List<Guid> sold = step.Type == FunnelStepType.ProductSelection ? [.. step.OfferIds]
            : FunnelReturn.OfferOf(Visit, step) is { } one ? [one] : [];
        var wanted = sold.Count > 0 ? sold : FunnelSnapshot.OfferIdsOf(Visit.Snapshot.Steps).Take(1).ToList();
        // From the checkout's offer cache (evicted by the organization's offer saves), as the checkout step will read them.
        var found = new List<Offer>(wanted.Count);
        foreach (var id in wanted)
        {
            if (await Offers.FindAsync(Visit.Funnel.OrganizationId, id, CancellationToken.None) is { } offer) found.Add(offer.Offer);
        }
        // Kept in the step's order; a deleted, archived or unpublished offer is not on sale.
        _offers = [.. sold.Select(id => found.FirstOrDefault(o => o.Id == id)).OfType<Offer>().Where(o => o.Status == OfferStatus.Published)];
        _design = found.FirstOrDefault(o => o.Status == OfferStatus.Published)?.Design;
        _unavailable = sold.Count > 0 && _offers.Count == 0;
        if (_unavailable) Answer(StatusCodes.Status410Gone);
        if (_blocks.Any(b => b.Type == ContentBlockType.Video)) Operations.SecurityHeadersMiddleware.AllowVideos(Http!);
        _orders = await FunnelReturn.OrdersOfAsync(Db, Visit.Session, CancellationToken.None);
    }

    private async Task SubmitAsync()
    {
        var step = _step!;
        if (Visit.Preview)
        {
            // The preview walks the draft's steps in order and touches nothing else.
            if (Visit.After(step, skipDownsells: false) is { } following) Navigation.NavigateTo(Visit.PathOf(following));
            return;
        }
        // A post from an older tab, or for a step the session has left: the shopper goes where the session is. A bot's
        // post (a link preview's, a crawler's) opens no checkout and moves nothing: it is sent to the entry page.
        if (Visit.IsBot || Input?.Step != Visit.Session.CurrentStepKey || _unavailable)
        {
            Navigation.NavigateTo(Visit.PathOf(Visit.Current));
            return;
        }
        switch (step.Type, Input.Action)
        {
            case (FunnelStepType.Landing, "next"):
                Visit.Record(FunnelEventKinds.StepCompleted, step);
                await GoOnAsync(step, Visit.After(step, skipDownsells: false));
                return;
            case (FunnelStepType.ProductSelection, "choose") when _offers.FirstOrDefault(o => o.Id == Input.Offer) is { } chosen:
                Visit.Record(FunnelEventKinds.StepCompleted, step);
                Visit.Session.Choose(chosen.Id, Visit.Now);
                await GoOnAsync(step, Visit.FirstOfType(FunnelStepType.Checkout) ?? Visit.After(step, skipDownsells: false));
                return;
            case (FunnelStepType.Upsell or FunnelStepType.Downsell, "accept"):
                await AcceptAsync(step);
                return;
            case (FunnelStepType.Upsell or FunnelStepType.Downsell, "decline"):
                Visit.Record(FunnelEventKinds.UpsellDeclined, step);
                await GoOnAsync(step, Visit.After(step, skipDownsells: false));
                return;
            default:
                Answer(StatusCodes.Status400BadRequest);
                _error = "That button is not on this page. Reload the page and try again.";
                return;
        }
    }

    /// <summary>Moves the session on and shows the next step.</summary>
    private async Task GoOnAsync(SnapshotStep from, SnapshotStep? next)
    {
        if (next is null)
        {
            Navigation.NavigateTo(Visit.PathOf(from));
            return;
        }
        Visit.Session.MoveTo(next.Key, Visit.Now);
        await Visit.SaveAsync(CancellationToken.None);
        Navigation.NavigateTo(Visit.PathOf(next));
    }

    /// <summary>One click: the step's offer charged to the card the funnel's checkout saved, as an order of its own.</summary>
    private async Task AcceptAsync(SnapshotStep step)
    {
        if (Visit.Session.CheckoutSessionId is not { } paid || _offers.Count == 0)
        {
            _error = "This offer follows a paid order.";
            return;
        }
        var accepted = await AcceptUpsell.HandleAsync(new AcceptUpsell(paid, _offers[0].Id), CancellationToken.None);
        if (!accepted.Succeeded || accepted.Value.Status != OrderStatus.Paid)
        {
            _error = accepted.Succeeded ? "Your card was declined for this offer. Nothing more was charged." : accepted.FirstError.Message;
            return;
        }
        // The order was attributed to this step's arm, and its upsell_accepted recorded, in the order's own save.
        await GoOnAsync(step, Visit.After(step, skipDownsells: true));
    }

    private void Answer(int status)
    {
        if (Http is null) return;
        Http.Response.StatusCode = status;
        if (Http.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
    }
}
