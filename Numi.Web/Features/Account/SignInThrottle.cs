using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Numi.Web.Features.Account;

/// <summary>Marks a page whose form posts count against the sign-in limits.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignInThrottledAttribute : Attribute;

/// <summary><c>Numi:SignIn</c>: how many posts of each throttled form (sign-in, forgot password) one client address and
/// one account may make in a window.</summary>
public sealed class SignInLimits
{
    public int AttemptsPerAddress { get; set; } = 10;
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Above the lockout's 5 failures, so that the lockout (and its email to the owner) comes first, and an owner
    /// who locked themselves out, reset the password and signs in again is not stopped.</summary>
    public int AttemptsPerAccount { get; set; } = 10;
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Limits the posts of the sign-in and forgot-password forms per client address and per account (the posted
/// email), with ASP.NET Core's rate limiter. A refused post answers 429 with Retry-After, shown as the status page.</summary>
public static class SignInThrottle
{
    private const string AccountItem = "Numi.SignIn.Account";

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInLimits>().Bind(configuration.GetSection("Numi:SignIn"))
            .Validate(l => l.AttemptsPerAddress > 0 && l.AttemptsPerAccount > 0 && l.AddressWindow > TimeSpan.Zero && l.AccountWindow > TimeSpan.Zero,
                "Numi:SignIn: AttemptsPerAddress, AttemptsPerAccount, AddressWindow and AccountWindow must all be above zero.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>After routing (the page is known) and after the status pages (a refusal shows one).</summary>
    public static IApplicationBuilder UseSignInThrottle(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<SignInLimits>>().Value;
        var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            Window($"{Form(http)} {Operations.ClientAddress.Key(http.Connection.RemoteIpAddress)}", limits.AttemptsPerAddress, limits.AddressWindow));
        var perAccount = PartitionedRateLimiter.Create<HttpContext, string>(http => http.Items[AccountItem] is string account
            ? Window($"{Form(http)} {account}", limits.AttemptsPerAccount, limits.AccountWindow)
            : RateLimitPartition.GetNoLimiter(""));
        return app.UseWhen(IsThrottledPost, throttled => throttled
            .Use(ReadPostedAccountAsync)
            .UseRateLimiter(new RateLimiterOptions
            {
                GlobalLimiter = PartitionedRateLimiter.CreateChained(perAddress, perAccount),
                RejectionStatusCode = StatusCodes.Status429TooManyRequests,
                OnRejected = (context, _) =>
                {
                    if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    return ValueTask.CompletedTask;
                },
            }));
    }

    private static bool IsThrottledPost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<SignInThrottledAttribute>() is not null;

    /// <summary>Each form counts apart, so an owner whose sign-ins are refused can still ask for a reset link.</summary>
    private static string? Form(HttpContext http) => (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    /// <summary>The limiter picks a partition synchronously, so the form is read here first, asynchronously; it stays
    /// cached for the antiforgery check and the page, and <see cref="Operations.FormPostGuard"/> has already refused a post
    /// that is not a readable form. Both throttled forms post the email as <c>Input.Email</c>.</summary>
    private static async Task ReadPostedAccountAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.HasFormContentType
            && (await http.Request.ReadFormAsync(http.RequestAborted))["Input.Email"].ToString().Trim() is { Length: > 0 } email)
            http.Items[AccountItem] = http.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeEmail(email);
        await next(http);
    }
}
