using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Numi.Core.Clocks;
using Numi.Web.Interactive;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>A bUnit context for the merchant app's components, as a Server circuit renders them.</summary>
public abstract class InteractiveTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>bUnit waits one second by default; a busy CI machine (builds, PostgreSQL and Chromium beside the tests)
    /// can take longer to finish a database round trip, so waits give up later. A passing wait still returns at once.</summary>
    static InteractiveTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected InteractiveTestContext()
    {
        // MudBlazor calls JavaScript for layout, focus and observers on every render; defaults are all a test needs of
        // those answers. Calls the app's own code makes are verified by name (JSInterop.VerifyInvoke).
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>Renders <typeparamref name="T"/> in an interactive Server renderer (the shell reads RendererInfo). This
    /// builds the service provider: register every service before.</summary>
    protected IRenderedComponent<T> RenderInteractive<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters ?? (_ => { }));
    }

    /// <summary>Backs server-side components with the real app: their <see cref="CircuitOperations"/> run in
    /// <paramref name="app"/>'s database and services, signed in as <paramref name="principal"/>.</summary>
    protected void UseApp(NumiFactory app, ClaimsPrincipal principal)
    {
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthentication(principal));
        // Components that read Numi's clock (a plan's retry preview) read the app's.
        Services.AddSingleton(app.Services.GetRequiredService<ControllableClock>());
        Services.AddScoped(sp => new CircuitOperations(app.Services.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<AuthenticationStateProvider>(), sp.GetRequiredService<NavigationManager>()));
        // The offer editor's canvas tab runs on the server there, over the same operations.
        Services.AddScoped<Numi.Web.Client.Offers.IOfferCanvasData, Numi.Web.Features.Offers.OfferCanvasOnServer>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that are only IAsyncDisposable: disposing the context synchronously throws.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
