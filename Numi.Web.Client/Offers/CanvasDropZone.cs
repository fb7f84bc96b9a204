using MudBlazor;

namespace Numi.Web.Client.Offers;

/// <summary>A MudBlazor drop zone of the canvas that renders only when what it shows may have changed. MudBlazor tells
/// every zone of the container to render when a drag starts and when it ends, and a zone renders all its items each
/// time: with twenty slots that pass took most of a drop's time in WebAssembly, and it holds up the save's answer.
/// A zone here renders when its parent hands it parameters, when the canvas refreshes the zones, and otherwise only when
/// its classes or its drop placeholder change (the zone a drag is over, the one it left, the one it started in).</summary>
public sealed class CanvasDropZone : MudDropZone<CanvasItem>
{
    private bool _listening;
    private bool _mustRender = true;
    private object? _shown;

    protected override void OnParametersSet()
    {
        // Listening before MudBlazor's own handler (added in base.OnParametersSet), which renders at once.
        if (!_listening && Container is { } container)
        {
            container.RefreshRequested += Refreshing;
            _listening = true;
        }
        _mustRender = true;
        base.OnParametersSet();
    }

    private void Refreshing(object? sender, EventArgs e) => _mustRender = true;

    protected override void Dispose(bool disposing)
    {
        if (disposing && _listening && Container is { } container) container.RefreshRequested -= Refreshing;
        base.Dispose(disposing);
    }

    private object Shows() => (Classname, PlaceholderClassname,
        Container?.GetTransactionCurrentZoneIdentifier() == Identifier ? Container.GetTransactionIndex() : -2);

    protected override bool ShouldRender() => _mustRender || !Equals(Shows(), _shown);

    protected override void OnAfterRender(bool firstRender)
    {
        _mustRender = false;
        _shown = Shows();
    }
}
