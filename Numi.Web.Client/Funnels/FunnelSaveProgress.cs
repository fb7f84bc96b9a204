namespace Numi.Web.Client.Funnels;

/// <summary>Whether a change of the canvas is being saved, told straight to the save state line: showing "Saving…"
/// renders that line alone, not the whole canvas, which renders once when the server has answered.</summary>
public sealed class FunnelSaveProgress
{
    public bool Saving { get; private set; }

    public event Action? Changed;

    public void Set(bool saving)
    {
        if (Saving == saving) return;
        Saving = saving;
        Changed?.Invoke();
    }
}
