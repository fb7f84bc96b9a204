using Microsoft.AspNetCore.Components;

namespace Numi.Web.Tests.Interactive;

/// <summary>A page content that fails while it loads, with the exception the test gives it.</summary>
public sealed class FaultyPage : ComponentBase
{
    [Parameter, EditorRequired] public Exception Fault { get; set; } = default!;

    protected override Task OnInitializedAsync() => Task.FromException(Fault);
}
