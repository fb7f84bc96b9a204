using Microsoft.AspNetCore.Components;

namespace Numi.Web.Interactive;

/// <summary>Whether a request renders an interactive page: its endpoint is a page with a render mode (the merchant
/// app). Such a page gets Blazor's script and MudBlazor, and the Content-Security-Policy that lets them run; the
/// static pages (checkout, account, status) get neither.</summary>
public static class InteractivePages
{
    public static bool Is(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RenderModeAttribute>() is not null;

    /// <summary>A static page (checkout, account, status) configures no interactive render mode, so Blazor writes no
    /// persisted component state and no WebAssembly initializers into it. Without this, once the app hosts interactive
    /// components, every page would carry the circuit's protected state and the WebAssembly state (with an antiforgery
    /// token, so a Set-Cookie): the shopper's page would be heavier, different for each visitor, and uncacheable.
    /// Blazor decides this from its endpoint metadata <c>ConfiguredRenderModesMetadata</c>, which it does not make
    /// public; it is made here by reflection, and start-up fails if the type ever goes away
    /// (<c>CheckoutPageTests</c> checks the page stays bare).</summary>
    public static void KeepStaticPagesStatic(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<RenderModeAttribute>().Any()) return;
        endpoint.Metadata.Add(NoRenderModes.Value);
    }

    private static readonly Lazy<object> NoRenderModes = new(() =>
    {
        const string name = "Microsoft.AspNetCore.Components.Endpoints.ConfiguredRenderModesMetadata";
        var type = typeof(RazorComponentsEndpointConventionBuilder).Assembly.GetType(name, throwOnError: true)!;
        return Activator.CreateInstance(type, [Array.Empty<IComponentRenderMode>()])!;
    });
}
