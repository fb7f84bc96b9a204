using Numi.Core;
using Numi.Core.Checkout;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Infrastructure.DataProtection;
using Numi.Infrastructure.Demo;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Funnels;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;
using Microsoft.Extensions.Options;

namespace Numi.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        services.AddNumiClock();
        // Interceptors the host registers (the web's page-cache eviction) see every save.
        // The options are built once (NumiDbContexts), so every interceptor is a singleton.
        services.AddNumiDbContext(database, (sp, options) => options.AddInterceptors(sp.GetServices<IInterceptor>()));

        services.AddDataProtection().SetApplicationName("Numi");
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((options, repository) => options.XmlRepository = repository);

        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.Configure<JobOptions>(configuration.GetSection("Numi:Jobs"));
        services.Configure<DemoOptions>(configuration.GetSection("Numi:Demo"));
        services.AddScoped<IEmailSender, OutboxEmailSender>();
        services.AddSingleton<IEmailTransport, MailKitEmailTransport>();
        services.AddScoped<DeliverOutbox>();
        services.AddScoped<Pdf.InvoiceLogos>();
        services.AddScoped<Core.Invoices.IInvoicePdf, Pdf.PdfSharpInvoicePdf>();
        services.AddHttpClient(Pdf.InvoiceLogos.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectCallback = Pdf.InvoiceLogos.ConnectPubliclyAsync, AllowAutoRedirect = false });
        services.AddScoped<Webhooks.WebhookEventRunner>();
        // One writer for the webhook endpoint's inserts, batched; a hosted service so the host drains it on shutdown.
        services.AddSingleton<Webhooks.WebhookInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookInbox>());

        // The write-ahead log copied into the file in the background, not by a shopper's commit.
        if (database.Provider == DatabaseProvider.Sqlite) services.AddHostedService<SqliteCheckpoints>();

        services.AddSingleton<SimulatedGateway>();
        services.AddStripe(configuration);
        services.AddScoped<IPaymentGateway, TenantPaymentGateway>();
        services.AddSingleton(new CheckoutOptions(configuration.GetValue("Checkout:SessionLifetime", CheckoutOptions.Default.SessionLifetime)));
        services.AddNumiJobs(configuration, database);
        services.AddFunnelEvents(configuration);
        services.AddScoped<Core.Funnels.Events.IFunnelEventStore, Funnels.EfFunnelEventStore>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    private static void AddStripe(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StripeOptions>(configuration.GetSection("Stripe"));
        services.AddHttpClient(StripeOptions.HttpClientName, (sp, http) =>
        {
            // Stripe.net builds absolute URLs from Stripe:ApiBase itself; the client brings the timeout and handlers.
            http.Timeout = sp.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout;
        });
        services.AddSingleton<StripeClientFactory>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddScoped<IStripeAccountCheck, StripeAccountCheck>();
        services.AddScoped<StripeConnections>();
        services.AddSingleton<Stripe.Webhooks.WebhookSigners>();
        services.AddSingleton<IInterceptor, Stripe.Webhooks.WebhookSignerEviction>();
        services.AddScoped<Stripe.Webhooks.IStripeEventHandler, Stripe.Webhooks.PaymentIntentSucceededHandler>();
        services.AddScoped<Stripe.Webhooks.IStripeEventHandler, Stripe.Webhooks.PaymentIntentPaymentFailedHandler>();
        services.AddScoped<Stripe.Webhooks.IStripeEventHandler, Stripe.Webhooks.ChargeRefundedHandler>();
        services.AddScoped<Stripe.Webhooks.IStripeEventHandler, Stripe.Webhooks.ChargeDisputeCreatedHandler>();
        services.AddScoped<Core.Webhooks.IWebhookEventDispatcher, Stripe.Webhooks.StripeEventDispatcher>();
    }
}
