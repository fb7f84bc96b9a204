using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;

namespace Numi.Web.Tests.Interactive;

/// <summary>The funnel canvas rendered over a <see cref="FakeFunnelCanvasData"/>, with MudBlazor's dialogs to confirm in.</summary>
public abstract class FunnelCanvasContext : InteractiveTestContext
{
    internal FakeFunnelCanvasData Data { get; private set; } = null!;

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = null!;

    protected IRenderedComponent<FunnelCanvas> Open(FunnelDetails? funnel)
    {
        Data = new FakeFunnelCanvasData(funnel);
        Services.AddSingleton<IFunnelCanvasData>(Data);
        RenderInteractive<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        return Render<FunnelCanvas>(p => p.Add(x => x.FunnelId, FakeFunnelCanvasData.FunnelId));
    }

    protected static string Text(IRenderedComponent<FunnelCanvas> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    /// <summary>Answers the open confirmation with the button named <paramref name="answer"/>.</summary>
    protected void Confirm(string question, string answer)
    {
        Dialogs.WaitForAssertion(() => Assert.Contains(question, Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == answer).Click();
    }
}
