using Microsoft.AspNetCore.Components;

namespace Numi.Web.Features.Catalog;

/// <summary>What the catalog's interactive pages share.</summary>
internal static class CatalogPages
{
    /// <summary>An unknown id (or another organization's) while prerendering answers 404 with the not-found page, as the
    /// static pages did. Once interactive there is no router in the circuit to show that page, so the component shows
    /// its own "not found" panel instead.</summary>
    public static void NotFound(NavigationManager navigation, RendererInfo renderer)
    {
        if (!renderer.IsInteractive) navigation.NotFound();
    }
}
