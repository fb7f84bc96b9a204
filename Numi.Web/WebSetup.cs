using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Numi.Core;
using Numi.Core.Accounts;
using Numi.Infrastructure;
using Numi.Infrastructure.Clocks;
using Numi.Infrastructure.Persistence;
using Numi.Web.Api;
using Numi.Web.Api.Webhooks;
using Numi.Web.Auth;
using Numi.Web.Components;
using Numi.Web.Features.Account;
using Numi.Web.Features.Catalog;
using Numi.Web.Features.Checkout;
using Numi.Web.Features.Offers;
using Numi.Web.Features.Orders;
using Numi.Web.Features.Portal;
using Numi.Web.Interactive;
using MudBlazor.Services;
using Numi.Web.Operations;
using Numi.Web.Tenancy;

namespace Numi.Web;

public static class WebSetup
{
    public const string PlatformAdminPolicy = "PlatformAdmin";
    public const string OwnerPolicy = "Owner";
    private const string SelectScheme = "Numi";
    private const string AuthCookie = "numi.auth";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCore();
        services.AddInfrastructure(configuration);
        services.AddControllableClock();
        services.AddScoped<RequestTenant>();
        services.AddScoped<Core.Common.ITenantContext>(sp => sp.GetRequiredService<RequestTenant>());
        services.AddScoped<Core.Common.ITenantEntry>(sp => sp.GetRequiredService<RequestTenant>());

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectScheme;
                options.DefaultChallengeScheme = SelectScheme;
            })
            .AddPolicyScheme(SelectScheme, "API key or sign-in cookie", options =>
                options.ForwardDefaultSelector = ChooseScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddAuthentication().AddPortalCookie();

        services.AddIdentityCore<NumiUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<NumiDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(2));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = AuthCookie;
            // A sign-in lasts by the system's time: moving Numi's clock a month ahead must not sign the admin out.
            options.TimeProvider = TimeProvider.System;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            // A sign-in at the login path is redirected to its ReturnUrl by this handler too: only to a local page, escaped.
            // The API answers a missing or expired sign-in with its own 401 problem, never a redirect to a page.
            options.Events.OnRedirectToLogin = context => IsApi(context.HttpContext)
                ? ApiProblem.Write(context.HttpContext, StatusCodes.Status401Unauthorized, "authentication_required", "Sign in again: your session has ended.")
                : RedirectTo(context);
            options.Events.OnRedirectToAccessDenied = context => IsApi(context.HttpContext)
                ? ApiProblem.Write(context.HttpContext, StatusCodes.Status403Forbidden, Core.Common.ErrorCodes.Forbidden, "You may not do that.")
                : RedirectTo(context);
            options.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(AccountLinks.SafeReturnUrl(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        // Sign-in is the default: a page or endpoint that names no rule of its own requires it, so a new one cannot
        // forget. What shoppers, visitors and Stripe reach says [AllowAnonymous] (AnonymousSurfaceTests lists it).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformAdminPolicy, policy => policy.RequireClaim(NumiClaims.PlatformAdmin, "true"))
            .AddPolicy(OwnerPolicy, policy => policy.RequireRole(nameof(Core.Organizations.OrganizationRole.Owner)));

        services.AddAntiforgery(options => options.Cookie.Name = "numi.af");
        // Every cookie, whoever sets it, is Secure outside Development, also when TLS ends at a proxy and the request
        // reaches Numi over http (where the cookies' own "same as request" would leave them unmarked).
        services.AddOptions<CookiePolicyOptions>().Configure<IHostEnvironment>((options, environment) =>
            options.Secure = environment.IsDevelopment() ? CookieSecurePolicy.None : CookieSecurePolicy.Always);
        var checkoutPages = configuration.GetValue("Checkout:PageCacheDuration", Features.Checkout.CheckoutPageCache.DefaultDuration);
        services.AddSingleton(sp => new Features.Checkout.CheckoutPageCache(sp.GetRequiredService<TimeProvider>(), checkoutPages));
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Features.Checkout.CheckoutPageEviction>();
        services.AddScoped<Features.Checkout.CheckoutOffers>();
        services.AddSingleton(sp => new Features.Checkout.CheckoutOfferMarkup(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ILoggerFactory>(), enabled: checkoutPages > TimeSpan.Zero));
        services.AddSingleton(new Features.Checkout.CheckoutPageTemplates(enabled: checkoutPages > TimeSpan.Zero && configuration.GetValue("Checkout:PageTemplates", true)));
        services.AddSingleton<Features.Checkout.TemplateSessionRead>();
        services.AddSingleton<Features.Checkout.ThankYouRead>();
        services.AddSingleton<LinkStartGuard>();
        services.AddScoped<Features.FunnelRuntime.FunnelVisit>();
        services.AddSingleton<Features.FunnelRuntime.FunnelWalks>();
        var publishedFunnels = configuration.GetValue("Numi:Funnels:RuntimeCacheDuration", Features.FunnelRuntime.PublishedFunnelCache.DefaultDuration);
        services.AddSingleton(sp => new Features.FunnelRuntime.PublishedFunnelCache(sp.GetRequiredService<TimeProvider>(), publishedFunnels));
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Features.FunnelRuntime.PublishedFunnelEviction>();
        services.AddCheckoutLimits(configuration);
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents().AddInteractiveServerComponents().AddInteractiveWebAssemblyComponents();
        services.AddMudServices();
        services.AddInteractiveData();
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.AddNumiApi(configuration);
        services.AddPublicOrigin(configuration);
        services.AddSingleton<AccountLinks>();
        services.AddScoped<LockoutNotice>();
        services.AddSignInThrottle(configuration);
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseCookiePolicy();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(ClientFaults.HandlerOptions(errorPath: null));
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            pages.UseExceptionHandler(ClientFaults.HandlerOptions("/error"));
            // Its own scope: a page that answers 404 itself (an unknown id) is rendered again as the status page.
            pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
            // A re-executed status or error page renders as a GET, so the refused request's form (say, one with a bad
            // antiforgery token) is not read again, which would throw and turn the 400 into a 500.
            pages.Use((context, next) =>
            {
                if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                    || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
                    context.Request.Method = HttpMethods.Get;
                return next(context);
            });
        });
        // Routing after the status-code and error pages, so their re-executed requests find an endpoint.
        app.UseRouting();
        app.UseMiddleware<PageQueryMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseCheckoutBodyLimit();
        // After authorization and the rate limits: an anonymous post to a merchant page is sent to sign in with its body
        // unread. Before the sign-in throttle and the checkout's limits, which read the form this has checked.
        app.UseMiddleware<FormPostGuard>();
        app.UseCheckoutRateLimits();
        app.UseSignInThrottle();
        app.UseMiddleware<Features.Checkout.CheckoutBrowserGuard>();
        app.UseMiddleware<Features.Checkout.CheckoutPageCacheMiddleware>();
        app.UseMiddleware<Features.FunnelRuntime.FunnelFirstViewMiddleware>();
        app.UseMiddleware<Features.FunnelRuntime.FunnelCheckoutStepMiddleware>();
        app.UseWhen(IsApi, api => api.UseMiddleware<ApiAntiforgery>().UseMiddleware<IdempotencyMiddleware>());
        app.UseAntiforgery();

        // Build-time static assets (wwwroot, MudBlazor, Blazor's scripts, the WebAssembly client): served precompressed
        // (Brotli/gzip) with ETags, fingerprinted ones cached for good. Short-circuited, so a file never goes through
        // sign-in, the tenant lookup or the rate limits.
        app.MapStaticAssets().ShortCircuit();
        app.MapHealthChecks("/health").DisableHttpMetrics().AllowAnonymous();
        app.MapNumiApi();
        app.MapAccountEndpoints();
        app.MapPortalEndpoints();
        app.MapProductImages();
        app.MapOrderExport();
        app.MapBareEndpoint();
        app.MapStripeWebhooks();
        app.MapOfferTheme();
        app.MapRazorComponents<App>()
            // Numi's own middleware writes the whole Content-Security-Policy (frame-ancestors 'none' included).
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null)
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Client.Api.BrowserData).Assembly)
            .Finally(InteractivePages.KeepStaticPagesStatic);
        // An address nothing answers is a 404 (shown by the status page) for everyone: without an endpoint the
        // sign-in fallback policy would send a visitor with a mistyped link to sign in instead.
        app.MapFallback("{*path}", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    /// <summary>Pages use the sign-in cookie. The API uses an API key when the request names one (Authorization), else
    /// the sign-in cookie when it carries one (the merchant app's own calls), else the API key handler, whose
    /// challenge explains how to authenticate.</summary>
    private static string ChooseScheme(HttpContext http) =>
        !IsApi(http) ? IdentityConstants.ApplicationScheme
        : http.Request.Headers.Authorization.Count == 0 && http.Request.Cookies.ContainsKey(AuthCookie) ? IdentityConstants.ApplicationScheme
        : ApiKeyAuthenticationHandler.SchemeName;

    private static Task RedirectTo(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
