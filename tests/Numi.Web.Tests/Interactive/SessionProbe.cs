using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Numi.Contracts.Accounts;

namespace Numi.Web.Tests.Interactive;

/// <summary>Stands for a page inside the shell: shows which session reached it through the cascade.</summary>
public sealed class SessionProbe : ComponentBase
{
    [CascadingParameter] public MerchantSession? Session { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "data-testid", "page");
        builder.AddAttribute(2, "data-email", Session?.Email);
        builder.AddContent(3, Session is null ? "no session" : Session.Current?.Name ?? "no organization");
        builder.CloseElement();
    }
}
