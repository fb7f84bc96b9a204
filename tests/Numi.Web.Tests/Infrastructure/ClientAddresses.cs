using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>The in-memory server has no client address; an app built with <see cref="Use"/> gives each request the one
/// its test chose, so tests of per-address limits do not share one counter.</summary>
public static class ClientAddresses
{
    private const string Header = "X-Test-Client-Address";

    public static void Use(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FromHeader>());

    /// <summary>A browser whose requests come from a client address of its own.</summary>
    public static Browser CreateBrowserFromNewAddress(this NumiFactory factory)
    {
        var browser = factory.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Add(Header, $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        return browser;
    }

    private sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header].FirstOrDefault() is { } address)
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
