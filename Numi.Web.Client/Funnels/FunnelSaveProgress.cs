namespace Numi.Web.Client.Funnels;

/// <summary>Whether a change of the canvas is being saved, told straight to the save state line: showing "Saving…"
/// renders that line alone, not the whole canvas, which renders once when the server has answered. The end of a save is
/// not told: the canvas renders when the change's event completes, the line with it, in one render instead of two.</summary>
public sealed class FunnelSaveProgress
{
    public bool Saving { get; private set; }

    public event Action? Started;

    public void Start()
    {
        if (Saving) return;
        Saving = true;
        Started?.Invoke();
    }

    public void End() => Saving = false;
}
