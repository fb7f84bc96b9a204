using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Numi.Web.Operations;

namespace Numi.Web.Tests.Security;

/// <summary>Development without <c>Numi:PublicUrl</c>: links start with the address Numi listens on.</summary>
public sealed class PublicOriginTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://localhost:5000|https://localhost:5001", "https://localhost:5001")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:80", "http://localhost")]
    [InlineData("http://+:5000", "http://localhost:5000")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    [InlineData("", "http://localhost")]
    public void Without_a_public_url_links_start_where_numi_listens(string addresses, string origin) =>
        Assert.Equal(origin, PublicOrigin.Listening(new ListeningServer(addresses.Split('|', StringSplitOptions.RemoveEmptyEntries))));

    private sealed class ListeningServer : IServer
    {
        public ListeningServer(IEnumerable<string> addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses) feature.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class ServerAddressesFeature : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = [];
        public bool PreferHostingUrls { get; set; }
    }
}
