using Microsoft.JSInterop;

namespace Numi.Web.Client.Offers;

/// <summary>Marks a save's steps on the browser's performance timeline (<c>performance.mark("numi-canvas-…")</c>), so the
/// drop-to-saved figure can say where a drop's time went (bench/funnels-canvas.md). Only in WebAssembly, where a mark is
/// an in-process call of a few microseconds; on the server it would be a round trip to the browser, so it is skipped.</summary>
public static class CanvasTimeline
{
    public static void Mark(IJSRuntime js, string step)
    {
        if (OperatingSystem.IsBrowser() && js is IJSInProcessRuntime browser) browser.InvokeVoid("performance.mark", "numi-canvas-" + step);
    }
}
