using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Numi.Core.Accounts;
using Numi.Core.ApiKeys;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Customers;
using Numi.Core.Funnels;
using Numi.Core.Maintenance;
using Numi.Core.Members;
using Numi.Core.Offers;
using Numi.Core.Organizations;
using Numi.Core.Tax;

namespace Numi.Core;

public static class DependencyInjection
{
    /// <summary>Numi's own clock, read by handlers, jobs and pages, over the container's <see cref="TimeProvider"/> (the
    /// system's unless a test registers a fake). Libraries (Quartz, authentication) keep reading that TimeProvider, so
    /// they stay on real time when an admin moves Numi's. The web host replaces it with a movable one (ClockSetup).</summary>
    public static IServiceCollection AddNumiClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ControllableClock(sp.GetRequiredService<TimeProvider>(), controllable: false));
        return services;
    }

    /// <summary>Use-case handlers and their validators, registered explicitly (no mediator, no assembly scanning).</summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddNumiClock();

        services.AddSingleton<IValidator<SignUp>, SignUpValidator>();
        services.AddSingleton<IValidator<CreateOrganization>, CreateOrganizationValidator>();
        services.AddSingleton<IValidator<UpdateOrganization>, UpdateOrganizationValidator>();
        services.AddSingleton<IValidator<InviteMember>, InviteMemberValidator>();
        services.AddSingleton<IValidator<CreateApiKey>, CreateApiKeyValidator>();

        services.AddScoped<SignUpHandler>();
        services.AddScoped<Reporting.ReadDashboardHandler>();
        services.AddScoped<CreateOrganizationHandler>();
        services.AddScoped<UpdateOrganizationHandler>();
        services.AddScoped<InviteMemberHandler>();
        services.AddScoped<AcceptInvitationHandler>();
        services.AddScoped<ChangeMembershipHandler>();
        services.AddScoped<CreateApiKeyHandler>();
        services.AddScoped<RevokeApiKeyHandler>();
        services.AddScoped<PurgeExpiredRecordsHandler>();

        services.AddSingleton<IValidator<ProductFields>, ProductFieldsValidator>();
        services.AddSingleton<IValidator<CreatePrice>, CreatePriceValidator>();
        services.AddSingleton<IValidator<ReplacePriceAmounts>, ReplacePriceAmountsValidator>();
        services.AddSingleton<IValidator<RenamePrice>, RenamePriceValidator>();
        services.AddScoped<CreateProductHandler>();
        services.AddScoped<UpdateProductHandler>();
        services.AddScoped<SetProductArchivedHandler>();
        services.AddScoped<SetProductImageHandler>();
        services.AddScoped<CreatePriceHandler>();
        services.AddScoped<ReplacePriceAmountsHandler>();
        services.AddScoped<SetPriceArchivedHandler>();

        services.AddSingleton<IValidator<OfferFields>, OfferFieldsValidator<OfferFields>>();
        services.AddSingleton<IValidator<CreateOffer>, CreateOfferValidator>();
        services.AddSingleton<IValidator<SlotFields>, SlotFieldsValidator>();
        services.AddSingleton<IValidator<UpdateOfferSettings>, UpdateOfferSettingsValidator>();
        services.AddScoped<CreateOfferHandler>();
        services.AddScoped<UpdateOfferHandler>();
        services.AddScoped<ChangeOfferStatusHandler>();
        services.AddScoped<UpdateOfferSettingsHandler>();
        services.AddScoped<SaveOfferSlotHandler>();
        services.AddScoped<RemoveOfferSlotHandler>();
        services.AddScoped<MoveOfferSlotHandler>();
        services.AddScoped<ReadOfferCanvasHandler>();
        services.AddScoped<ChangeOfferCanvasHandler>();

        services.AddFunnels();

        services.TryAddSingleton(CheckoutOptions.Default);
        services.AddSingleton<IValidator<StartCheckout>, StartCheckoutValidator>();
        services.AddSingleton<IValidator<ConfirmCheckout>, ConfirmCheckoutValidator>();
        services.AddScoped<StartCheckoutHandler>();
        services.AddScoped<ChooseCheckoutHandler>();
        services.AddScoped<ConfirmCheckoutHandler>();
        services.AddScoped<CheckoutFulfilment>();
        services.AddScoped<CheckoutPricing>();
        services.AddScoped<CheckoutTrials>();
        services.AddScoped<Discounts.CheckoutDiscounts>();
        services.AddScoped<Discounts.DiscountReservations>();
        services.AddScoped<Discounts.ApplyDiscountCodeHandler>();
        services.AddSingleton<IValidator<Discounts.CreateDiscountCode>, Discounts.CreateDiscountCodeValidator>();
        services.AddSingleton<IValidator<Discounts.UpdateDiscountCode>, Discounts.UpdateDiscountCodeValidator>();
        services.AddScoped<Discounts.CreateDiscountCodeHandler>();
        services.AddScoped<Discounts.UpdateDiscountCodeHandler>();
        services.AddScoped<CheckoutTax>();
        services.AddSingleton<IValidator<TaxRateFields>, TaxRateFieldsValidator>();
        services.AddScoped<CreateTaxRateHandler>();
        services.AddScoped<UpdateTaxRateHandler>();
        services.AddScoped<SetCustomerTaxExemptHandler>();
        services.AddScoped<SetCustomerTimeZoneHandler>();
        services.AddSingleton<IValidator<SetCustomerTimeZone>, SetCustomerTimeZoneValidator>();
        services.AddScoped<CompleteAuthenticationHandler>();
        services.AddScoped<AcceptUpsellHandler>();
        services.AddScoped<SetOfferUpsellHandler>();
        services.AddScoped<ExpireCheckoutSessionsHandler>();
        services.AddSingleton<IValidator<Orders.RefundOrder>, Orders.RefundOrderValidator>();
        services.AddScoped<Orders.RefundOrderHandler>();

        services.AddScoped<Webhooks.CompletePaidCheckoutHandler>();
        services.AddScoped<Webhooks.RecordFailedPaymentHandler>();
        services.AddScoped<Webhooks.RecordChargeRefundsHandler>();
        services.AddScoped<Webhooks.RecordDisputeHandler>();
        services.AddScoped<Webhooks.ProcessWebhookEventHandler>();
        services.AddSingleton<IValidator<Payments.ConnectStripe>, Payments.ConnectStripeValidator>();
        services.AddScoped<Payments.ConnectStripeHandler>();
        services.AddScoped<Payments.DisconnectStripeHandler>();

        services.AddSingleton<IValidator<Dunning.RetrySettings>, Dunning.RetrySettingsValidator>();
        services.AddSingleton<IValidator<Dunning.DunningCampaign>, Dunning.DunningCampaignValidator>();
        services.AddSingleton<IValidator<Subscriptions.PlanSettings>, Subscriptions.PlanSettingsValidator>();
        services.AddSingleton<IValidator<Subscriptions.PlanFields>, Subscriptions.PlanFieldsValidator>();
        services.AddScoped<Subscriptions.CreatePlanHandler>();
        services.AddScoped<Subscriptions.UpdatePlanHandler>();
        services.AddScoped<Subscriptions.ArchivePlanHandler>();
        services.AddSingleton<IValidator<Subscriptions.ChangeSubscription>, Subscriptions.ChangeSubscriptionValidator>();
        services.AddScoped<Subscriptions.ChangeSubscriptionHandler>();
        services.AddScoped<Subscriptions.ChangeSubscriptionCardHandler>();
        services.AddSingleton<IValidator<Subscriptions.CreateSubscription>, Subscriptions.CreateSubscriptionValidator>();
        services.AddScoped<Subscriptions.CreateSubscriptionHandler>();
        services.AddScoped<Subscriptions.PlanChangeQuoter>();
        services.AddScoped<Subscriptions.PreviewPlanChangeHandler>();
        services.AddSingleton<IValidator<Subscriptions.ChangePlan>, Subscriptions.ChangePlanValidator>();
        services.AddScoped<Subscriptions.ChangePlanHandler>();
        services.AddSingleton<IValidator<Subscriptions.ChangeSubscriptionCard>, Subscriptions.ChangeSubscriptionCardValidator>();
        services.AddScoped<Portal.RequestPortalLinkHandler>();
        services.AddScoped<Portal.RedeemPortalLinkHandler>();
        services.AddScoped<Invoices.InvoiceTerms>();
        services.AddScoped<Invoices.RetryInputs>();
        services.AddScoped<Subscriptions.BillingDaySuggestions>();
        services.AddScoped<Invoices.InvoiceCollection>();
        services.AddScoped<Subscriptions.AfterLastRetryNotices>();
        services.AddScoped<Invoices.RenewSubscriptionHandler>();
        services.AddScoped<Invoices.RenewSubscriptionsHandler>();
        services.AddScoped<Invoices.VoidInvoiceHandler>();
        services.AddScoped<Invoices.PayInvoiceHandler>();
        services.AddSingleton<IValidator<Invoices.CreditInvoice>, Invoices.CreditInvoiceValidator>();
        services.AddScoped<Invoices.CreditInvoiceHandler>();
        services.AddScoped<Invoices.PayOpenInvoicesHandler>();
        services.AddScoped<Invoices.ExpireUnpaidInvoiceHandler>();
        services.AddScoped<Dunning.SendDunningMessageHandler>();
        services.AddScoped<Reporting.ReadRecoveryFiguresHandler>();
        services.AddScoped<Invoices.InvoiceDocuments>();
        services.AddScoped<Invoices.ReadInvoiceRetryPlan>();
        services.AddScoped<Invoices.SendInvoiceReceiptHandler>();
        services.AddScoped<Dunning.AnalysePaymentPatternsHandler>();
        services.AddScoped<Subscriptions.RemindTrialEndingHandler>();
        return services;
    }
}
