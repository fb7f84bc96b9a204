using Microsoft.AspNetCore.Components;

namespace Numi.Web.Tests.Interactive;

/// <summary>A circuit's NavigationManager that only records where it was sent.</summary>
public sealed class RecordingNavigation : NavigationManager
{
    public RecordingNavigation() => Initialize("http://localhost/", "http://localhost/");

    public List<(string Uri, bool ForceLoad)> Visits { get; } = [];

    protected override void NavigateToCore(string uri, NavigationOptions options) => Visits.Add((uri, options.ForceLoad));
}
