using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Numi.Web.Operations;

/// <summary><c>Numi:PublicUrl</c>: the address people reach Numi at.</summary>
public sealed class PublicUrlOptions
{
    public string? PublicUrl { get; set; }
}

/// <summary>Where every absolute link Numi hands out starts: emailed links (password reset, invitation, lockout notice),
/// the API's checkout <c>url</c>, the Stripe webhook address. Never the request's Host header: whoever sends a request
/// chooses it, and a reset link built from it would carry a valid token to their site.</summary>
public sealed class PublicOrigin(IOptions<PublicUrlOptions> options, IServer server) : Core.Common.IPublicLinks
{
    public string Absolute(string pathAndQuery) => Base() + "/" + pathAndQuery.TrimStart('/');

    /// <summary>The public address's host and port (as an <c>Origin</c> header names them).</summary>
    public string Authority => new Uri(Base()).Authority;

    private string Base() =>
        string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? Listening(server) : options.Value.PublicUrl.Trim().TrimEnd('/');

    /// <summary>Development without a public URL: the address this process listens on (https first); a wildcard host
    /// ("every interface") means this machine.</summary>
    public static string Listening(IServer server)
    {
        var bindings = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(BindingAddress.Parse).Where(b => !b.IsUnixPipe && !b.IsNamedPipe).ToList();
        var binding = bindings.FirstOrDefault(b => b.Scheme == Uri.UriSchemeHttps) ?? bindings.FirstOrDefault();
        if (binding is null) return "http://localhost";
        var host = binding.Host is "+" or "*" || (IPAddress.TryParse(binding.Host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
            ? "localhost"
            : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}

/// <summary>Checks <c>Numi:PublicUrl</c> at start-up: outside Development nothing else can say which address is Numi's, and
/// a value that is not an http(s) origin would only make broken links.</summary>
internal sealed class PublicUrlValidation(IHostEnvironment environment) : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Numi:PublicUrl is required in {environment.EnvironmentName}: it is the address people reach Numi at, " +
                    "and every link Numi emails (password reset, invitation) and the API's checkout url start with it. " +
                    "Set it, e.g. Numi__PublicUrl=https://billing.example.com.");
        return Uri.TryCreate(options.PublicUrl.Trim(), UriKind.Absolute, out var url)
               && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
               && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Numi:PublicUrl must be an absolute http or https address without query or fragment, " +
                $"such as https://billing.example.com; it is \"{options.PublicUrl}\".");
    }
}

public static class PublicOriginSetup
{
    public static IServiceCollection AddPublicOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicUrlOptions>().Bind(configuration.GetSection("Numi")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicUrlOptions>, PublicUrlValidation>();
        services.AddSingleton<PublicOrigin>();
        return services.AddSingleton<Core.Common.IPublicLinks>(sp => sp.GetRequiredService<PublicOrigin>());
    }
}
