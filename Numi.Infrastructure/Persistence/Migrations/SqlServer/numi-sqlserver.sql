IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [data_protection_keys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [Xml] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        CONSTRAINT [PK_data_protection_keys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [organizations] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Slug] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [DefaultCurrency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [TimeZone] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [WebhookSigningSecret] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_organizations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [outbox_messages] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        [To] nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Subject] nvarchar(300) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [TextBody] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [HtmlBody] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Status] nvarchar(10) NOT NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(1000) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [SentAt] datetime2 NULL,
        CONSTRAINT [PK_outbox_messages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [users] (
        [Id] uniqueidentifier NOT NULL,
        [DisplayName] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [CurrentOrganizationId] uniqueidentifier NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UserName] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [NormalizedUserName] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [Email] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [NormalizedEmail] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [SecurityStamp] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [ConcurrencyStamp] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [PhoneNumber] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_users] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [api_keys] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(80) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Mode] nvarchar(10) NOT NULL,
        [SecretHash] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Hint] nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [CreatedByUserId] uniqueidentifier NULL,
        [CreatedAt] datetime2 NOT NULL,
        [LastUsedAt] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_api_keys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_api_keys_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [customers] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Email] nvarchar(254) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [EmailKey] nvarchar(254) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Name] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [Phone] nvarchar(40) COLLATE Latin1_General_100_BIN2 NULL,
        [DefaultPaymentMethod] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [StripeCustomerId] nvarchar(255) COLLATE Latin1_General_100_BIN2 NULL,
        [TaxExempt] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_customers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_customers_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [discount_codes] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Code] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [CodeKey] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [PercentOff] int NULL,
        [AmountOff] bigint NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NULL,
        [Duration] nvarchar(20) NOT NULL,
        [DurationCycles] int NULL,
        [ProductIds] nvarchar(max) NOT NULL,
        [MaxRedemptions] int NULL,
        [OncePerCustomer] bit NOT NULL,
        [ValidFrom] datetime2 NULL,
        [ValidUntil] datetime2 NULL,
        [Active] bit NOT NULL,
        [TimesRedeemed] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_discount_codes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_discount_codes_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [idempotency_records] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Key] nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [RequestMethod] nvarchar(10) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [RequestPath] nvarchar(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [RequestHash] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [StatusCode] int NULL,
        [ContentType] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [ResponseBody] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        CONSTRAINT [PK_idempotency_records] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_idempotency_records_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [invitations] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Email] nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Role] nvarchar(20) NOT NULL,
        [TokenHash] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [InvitedByUserId] uniqueidentifier NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [AcceptedAt] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_invitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_invitations_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [offers] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(120) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Slug] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Description] nvarchar(2000) COLLATE Latin1_General_100_BIN2 NULL,
        [Status] nvarchar(20) NOT NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Design] nvarchar(max) NOT NULL,
        [Payment] nvarchar(max) NOT NULL,
        [UpsellOfferId] uniqueidentifier NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [PublishedAt] datetime2 NULL,
        CONSTRAINT [PK_offers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_offers_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [products] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Description] nvarchar(2000) COLLATE Latin1_General_100_BIN2 NULL,
        [Type] nvarchar(20) NOT NULL,
        [LookupKey] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [NormalizedLookupKey] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [Active] bit NOT NULL,
        [ArchivedAt] datetime2 NULL,
        [GatewayProvider] nvarchar(20) COLLATE Latin1_General_100_BIN2 NULL,
        [GatewayProductId] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [ImageVersion] nvarchar(40) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_products] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_products_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [stripe_connections] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Mode] nvarchar(10) NOT NULL,
        [ProtectedSecretKey] nvarchar(2000) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [SecretKeyHint] nvarchar(30) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [PublishableKey] nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ProtectedWebhookSecrets] nvarchar(4000) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [WebhookSecretHints] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ConnectedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_stripe_connections] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_stripe_connections_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [tax_rates] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [DisplayName] nvarchar(50) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Country] nvarchar(2) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Region] nvarchar(3) COLLATE Latin1_General_100_BIN2 NULL,
        [RatePpm] int NOT NULL,
        [Inclusive] bit NOT NULL,
        [Active] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_tax_rates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_tax_rates_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [webhook_events] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Provider] nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [EventId] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Type] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Payload] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [ProcessedAt] datetime2 NULL,
        [Attempts] int NOT NULL DEFAULT 0,
        [NextAttemptAt] datetime2 NULL,
        [LastError] nvarchar(500) COLLATE Latin1_General_100_BIN2 NULL,
        [Outcome] nvarchar(500) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [PK_webhook_events] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_webhook_events_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [memberships] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [UserId] uniqueidentifier NOT NULL,
        [Role] nvarchar(20) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_memberships] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_memberships_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_memberships_users_UserId] FOREIGN KEY ([UserId]) REFERENCES [users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [user_claims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [ClaimValue] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [PK_user_claims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_user_claims_users_UserId] FOREIGN KEY ([UserId]) REFERENCES [users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [user_logins] (
        [LoginProvider] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ProviderKey] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ProviderDisplayName] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [UserId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_user_logins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_user_logins_users_UserId] FOREIGN KEY ([UserId]) REFERENCES [users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [user_tokens] (
        [UserId] uniqueidentifier NOT NULL,
        [LoginProvider] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Name] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Value] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [PK_user_tokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_user_tokens_users_UserId] FOREIGN KEY ([UserId]) REFERENCES [users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [discount_redemptions] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [DiscountCodeId] uniqueidentifier NOT NULL,
        [CheckoutSessionId] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NULL,
        [CustomerKey] nvarchar(254) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [OnceKey] nvarchar(254) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_discount_redemptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_discount_redemptions_discount_codes_DiscountCodeId] FOREIGN KEY ([DiscountCodeId]) REFERENCES [discount_codes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [checkout_sessions] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [OfferId] uniqueidentifier NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Selection] nvarchar(max) NOT NULL,
        [CustomerEmail] nvarchar(254) COLLATE Latin1_General_100_BIN2 NULL,
        [CustomerName] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [Details] nvarchar(max) NOT NULL,
        [DiscountCodeId] uniqueidentifier NULL,
        [AmountSubtotal] bigint NOT NULL,
        [AmountDiscount] bigint NOT NULL,
        [AmountTax] bigint NOT NULL,
        [TaxName] nvarchar(50) COLLATE Latin1_General_100_BIN2 NULL,
        [TaxRatePpm] int NULL,
        [AmountTotal] bigint NOT NULL,
        [PaymentAttempt] int NOT NULL,
        [AttemptStartedAt] datetime2 NULL,
        [LastDeclineCode] nvarchar(50) COLLATE Latin1_General_100_BIN2 NULL,
        [PendingPaymentIntent] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [OrderId] uniqueidentifier NULL,
        [ParentOrderId] uniqueidentifier NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [CompletedAt] datetime2 NULL,
        [BrowserKeyHash] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [PK_checkout_sessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_checkout_sessions_offers_OfferId] FOREIGN KEY ([OfferId]) REFERENCES [offers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [prices] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [ProductId] uniqueidentifier NOT NULL,
        [Nickname] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Type] nvarchar(20) NOT NULL,
        [Interval] nvarchar(10) NULL,
        [IntervalCount] int NULL,
        [CancelAfterCycles] int NULL,
        [BillingScheme] nvarchar(20) NOT NULL,
        [UnitAmount] bigint NULL,
        [PackageSize] bigint NULL,
        [TiersMode] nvarchar(20) NULL,
        [Tiers] nvarchar(max) NOT NULL,
        [Scope] nvarchar(10) NOT NULL,
        [ParentPriceId] uniqueidentifier NULL,
        [Active] bit NOT NULL,
        [ArchivedAt] datetime2 NULL,
        [ReplacedByPriceId] uniqueidentifier NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_prices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_prices_prices_ParentPriceId] FOREIGN KEY ([ParentPriceId]) REFERENCES [prices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_prices_products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [products] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [product_images] (
        [ProductId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [ContentType] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_product_images] PRIMARY KEY ([ProductId]),
        CONSTRAINT [FK_product_images_products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [products] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [orders] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [CheckoutSessionId] uniqueidentifier NOT NULL,
        [OfferId] uniqueidentifier NOT NULL,
        [CustomerId] uniqueidentifier NOT NULL,
        [ParentOrderId] uniqueidentifier NULL,
        [Status] nvarchar(30) NOT NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [AmountSubtotal] bigint NOT NULL,
        [AmountDiscount] bigint NOT NULL,
        [DiscountCodeId] uniqueidentifier NULL,
        [DiscountCode] nvarchar(40) COLLATE Latin1_General_100_BIN2 NULL,
        [DiscountDuration] nvarchar(20) NULL,
        [DiscountDurationCycles] int NULL,
        [AmountTax] bigint NOT NULL,
        [TaxName] nvarchar(50) COLLATE Latin1_General_100_BIN2 NULL,
        [TaxRatePpm] int NULL,
        [AmountTotal] bigint NOT NULL,
        [PaymentIntentId] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [PaymentMethod] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [CardBrand] nvarchar(30) COLLATE Latin1_General_100_BIN2 NULL,
        [CardLast4] nvarchar(4) COLLATE Latin1_General_100_BIN2 NULL,
        [Details] nvarchar(max) NOT NULL,
        [AmountRefunded] bigint NOT NULL,
        [DisputeId] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [DisputeAmount] bigint NULL,
        [DisputeReason] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [DisputedAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_orders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_orders_checkout_sessions_CheckoutSessionId] FOREIGN KEY ([CheckoutSessionId]) REFERENCES [checkout_sessions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_orders_customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_orders_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [offer_slots] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [OfferId] uniqueidentifier NOT NULL,
        [Key] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Name] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Required] bit NOT NULL,
        [SortOrder] int NOT NULL,
        [DefaultPriceId] uniqueidentifier NOT NULL,
        [QuantityDefault] int NOT NULL,
        [QuantityMin] int NOT NULL,
        [QuantityMax] int NULL,
        CONSTRAINT [PK_offer_slots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_offer_slots_offers_OfferId] FOREIGN KEY ([OfferId]) REFERENCES [offers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_offer_slots_prices_DefaultPriceId] FOREIGN KEY ([DefaultPriceId]) REFERENCES [prices] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [order_lines] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [SlotKey] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ProductId] uniqueidentifier NOT NULL,
        [PriceId] uniqueidentifier NOT NULL,
        [Description] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [PriceSummary] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Quantity] int NOT NULL,
        [Amount] bigint NOT NULL,
        [Recurring] bit NOT NULL,
        CONSTRAINT [PK_order_lines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_order_lines_orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [refunds] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Reason] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [GatewayRefundId] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_refunds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_refunds_orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [orders] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [offer_slot_options] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [SlotId] uniqueidentifier NOT NULL,
        [PriceId] uniqueidentifier NOT NULL,
        [Label] nvarchar(60) COLLATE Latin1_General_100_BIN2 NULL,
        [SortOrder] int NOT NULL,
        CONSTRAINT [PK_offer_slot_options] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_offer_slot_options_offer_slots_SlotId] FOREIGN KEY ([SlotId]) REFERENCES [offer_slots] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_offer_slot_options_prices_PriceId] FOREIGN KEY ([PriceId]) REFERENCES [prices] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE TABLE [subscriptions] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [CustomerId] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [OrderLineId] uniqueidentifier NOT NULL,
        [PriceId] uniqueidentifier NOT NULL,
        [ProductId] uniqueidentifier NOT NULL,
        [Description] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Quantity] int NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Interval] nvarchar(10) NOT NULL,
        [IntervalCount] int NOT NULL,
        [CancelAfterCycles] int NULL,
        [CyclesPaid] int NOT NULL,
        [BillingAnchor] datetime2 NOT NULL,
        [CurrentPeriodStart] datetime2 NOT NULL,
        [CurrentPeriodEnd] datetime2 NOT NULL,
        [PaymentMethod] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_subscriptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_subscriptions_customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_subscriptions_order_lines_OrderLineId] FOREIGN KEY ([OrderLineId]) REFERENCES [order_lines] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_subscriptions_orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [orders] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_subscriptions_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_api_keys_OrganizationId] ON [api_keys] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_api_keys_SecretHash] ON [api_keys] ([SecretHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_checkout_sessions_OfferId] ON [checkout_sessions] ([OfferId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_checkout_sessions_OrganizationId_CreatedAt] ON [checkout_sessions] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_checkout_sessions_ParentOrderId] ON [checkout_sessions] ([ParentOrderId]) WHERE [ParentOrderId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_checkout_sessions_Status_ExpiresAt] ON [checkout_sessions] ([Status], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_customers_OrganizationId_EmailKey] ON [customers] ([OrganizationId], [EmailKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_discount_codes_OrganizationId_CodeKey] ON [discount_codes] ([OrganizationId], [CodeKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_discount_codes_OrganizationId_CreatedAt] ON [discount_codes] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_discount_redemptions_CheckoutSessionId] ON [discount_redemptions] ([CheckoutSessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_discount_redemptions_DiscountCodeId_CustomerKey] ON [discount_redemptions] ([DiscountCodeId], [CustomerKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_discount_redemptions_DiscountCodeId_OnceKey] ON [discount_redemptions] ([DiscountCodeId], [OnceKey]) WHERE [OnceKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_idempotency_records_ExpiresAt] ON [idempotency_records] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_idempotency_records_OrganizationId_Key] ON [idempotency_records] ([OrganizationId], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_invitations_OrganizationId_Email] ON [invitations] ([OrganizationId], [Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_invitations_TokenHash] ON [invitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_memberships_OrganizationId_UserId] ON [memberships] ([OrganizationId], [UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_memberships_UserId] ON [memberships] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_offer_slot_options_OrganizationId] ON [offer_slot_options] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_offer_slot_options_PriceId] ON [offer_slot_options] ([PriceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_offer_slot_options_SlotId_PriceId] ON [offer_slot_options] ([SlotId], [PriceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_offer_slots_DefaultPriceId] ON [offer_slots] ([DefaultPriceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_offer_slots_OfferId_Key] ON [offer_slots] ([OfferId], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_offer_slots_OrganizationId] ON [offer_slots] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_offers_OrganizationId_CreatedAt] ON [offers] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_offers_OrganizationId_Slug] ON [offers] ([OrganizationId], [Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_order_lines_OrderId] ON [order_lines] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_order_lines_OrganizationId] ON [order_lines] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_orders_CheckoutSessionId] ON [orders] ([CheckoutSessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_orders_CustomerId] ON [orders] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_orders_OrganizationId_CreatedAt] ON [orders] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_orders_OrganizationId_Number] ON [orders] ([OrganizationId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_orders_ParentOrderId] ON [orders] ([ParentOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_orders_PaymentIntentId] ON [orders] ([PaymentIntentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_organizations_Slug] ON [organizations] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_outbox_messages_OrganizationId] ON [outbox_messages] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_outbox_messages_Status_NextAttemptAt] ON [outbox_messages] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_prices_OrganizationId_ProductId] ON [prices] ([OrganizationId], [ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_prices_ParentPriceId] ON [prices] ([ParentPriceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_prices_ProductId] ON [prices] ([ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_products_OrganizationId_CreatedAt] ON [products] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_products_OrganizationId_NormalizedLookupKey] ON [products] ([OrganizationId], [NormalizedLookupKey]) WHERE [NormalizedLookupKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_refunds_GatewayRefundId] ON [refunds] ([GatewayRefundId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_refunds_OrderId] ON [refunds] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_refunds_OrganizationId] ON [refunds] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_stripe_connections_OrganizationId] ON [stripe_connections] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_subscriptions_CustomerId] ON [subscriptions] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_subscriptions_OrderId] ON [subscriptions] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_subscriptions_OrderLineId] ON [subscriptions] ([OrderLineId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_subscriptions_OrganizationId_CreatedAt] ON [subscriptions] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_tax_rates_OrganizationId_Country] ON [tax_rates] ([OrganizationId], [Country]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_user_claims_UserId] ON [user_claims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_user_logins_UserId] ON [user_logins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [users] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [users] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_webhook_events_OrganizationId_Provider_EventId] ON [webhook_events] ([OrganizationId], [Provider], [EventId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    CREATE INDEX [IX_webhook_events_ProcessedAt_ReceivedAt] ON [webhook_events] ([ProcessedAt], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112624_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202112624_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203074636_AddPlans'
)
BEGIN
    CREATE TABLE [plans] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [PriceId] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Settings] nvarchar(max) NOT NULL,
        [Active] bit NOT NULL,
        [ArchivedAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_plans] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_plans_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_plans_prices_PriceId] FOREIGN KEY ([PriceId]) REFERENCES [prices] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203074636_AddPlans'
)
BEGIN
    CREATE INDEX [IX_plans_OrganizationId_CreatedAt] ON [plans] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203074636_AddPlans'
)
BEGIN
    CREATE UNIQUE INDEX [IX_plans_PriceId] ON [plans] ([PriceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203074636_AddPlans'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203074636_AddPlans', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203075929_AddSubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [CancelAtPeriodEnd] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203075929_AddSubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [CanceledAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203075929_AddSubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [EndedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203075929_AddSubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [PausedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203075929_AddSubscriptionLifecycle'
)
BEGIN
    CREATE TABLE [subscription_events] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [SubscriptionId] uniqueidentifier NOT NULL,
        [Type] nvarchar(30) NOT NULL,
        [FromStatus] nvarchar(20) NOT NULL,
        [ToStatus] nvarchar(20) NOT NULL,
        [Detail] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        [Note] nvarchar(500) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_subscription_events] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_subscription_events_subscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [subscriptions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203075929_AddSubscriptionLifecycle'
)
BEGIN
    CREATE INDEX [IX_subscription_events_SubscriptionId_CreatedAt] ON [subscription_events] ([SubscriptionId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203075929_AddSubscriptionLifecycle'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203075929_AddSubscriptionLifecycle', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203093218_AddPortalSignIn'
)
BEGIN
    CREATE TABLE [portal_sign_in_tokens] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [CustomerId] uniqueidentifier NOT NULL,
        [TokenHash] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [UsedAt] datetime2 NULL,
        CONSTRAINT [PK_portal_sign_in_tokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_portal_sign_in_tokens_customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [customers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203093218_AddPortalSignIn'
)
BEGIN
    CREATE INDEX [IX_portal_sign_in_tokens_CustomerId] ON [portal_sign_in_tokens] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203093218_AddPortalSignIn'
)
BEGIN
    CREATE UNIQUE INDEX [IX_portal_sign_in_tokens_TokenHash] ON [portal_sign_in_tokens] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203093218_AddPortalSignIn'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203093218_AddPortalSignIn', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203093232_AddControllableClock'
)
BEGIN
    CREATE TABLE [clock_settings] (
        [Id] int NOT NULL,
        [OffsetSeconds] bigint NOT NULL,
        [ChangedAt] datetime2 NOT NULL,
        [ChangedBy] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [PK_clock_settings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203093232_AddControllableClock'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203093232_AddControllableClock', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE TABLE [invoices] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [CustomerId] uniqueidentifier NOT NULL,
        [SubscriptionId] uniqueidentifier NOT NULL,
        [Cycle] int NOT NULL,
        [PeriodStart] datetime2 NOT NULL,
        [PeriodEnd] datetime2 NOT NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [AmountSubtotal] bigint NOT NULL,
        [DiscountCode] nvarchar(40) COLLATE Latin1_General_100_BIN2 NULL,
        [AmountDiscount] bigint NOT NULL,
        [TaxName] nvarchar(50) COLLATE Latin1_General_100_BIN2 NULL,
        [TaxRatePpm] int NULL,
        [TaxInclusive] bit NOT NULL,
        [AmountTax] bigint NOT NULL,
        [AmountTotal] bigint NOT NULL,
        [AmountPaid] bigint NOT NULL,
        [AmountCredited] bigint NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [PaidAt] datetime2 NULL,
        [PaymentIntentId] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
        [VoidedAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [AttemptCount] int NOT NULL,
        [FirstFailedAt] datetime2 NULL,
        [LastAttemptAt] datetime2 NULL,
        [LastDeclineCode] nvarchar(60) COLLATE Latin1_General_100_BIN2 NULL,
        [NextAttemptAt] datetime2 NULL,
        [RetryReason] nvarchar(500) COLLATE Latin1_General_100_BIN2 NULL,
        [NewCardNeeded] bit NOT NULL,
        [ClaimedUntil] datetime2 NULL,
        CONSTRAINT [PK_invoices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_invoices_customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_invoices_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_invoices_subscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [subscriptions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE TABLE [job_runs] (
        [Id] uniqueidentifier NOT NULL,
        [JobName] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Node] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [Examined] int NOT NULL,
        [Succeeded] int NOT NULL,
        [Failed] int NOT NULL,
        [Skipped] int NOT NULL,
        [Failures] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        CONSTRAINT [PK_job_runs] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE TABLE [credit_notes] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [InvoiceId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Reason] nvarchar(500) COLLATE Latin1_General_100_BIN2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_credit_notes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_credit_notes_invoices_InvoiceId] FOREIGN KEY ([InvoiceId]) REFERENCES [invoices] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE TABLE [invoice_lines] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [InvoiceId] uniqueidentifier NOT NULL,
        [Description] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Quantity] int NOT NULL,
        [UnitAmount] bigint NOT NULL,
        [Amount] bigint NOT NULL,
        CONSTRAINT [PK_invoice_lines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_invoice_lines_invoices_InvoiceId] FOREIGN KEY ([InvoiceId]) REFERENCES [invoices] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE INDEX [IX_credit_notes_InvoiceId] ON [credit_notes] ([InvoiceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE INDEX [IX_credit_notes_OrganizationId_CreatedAt] ON [credit_notes] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE INDEX [IX_invoice_lines_InvoiceId] ON [invoice_lines] ([InvoiceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE INDEX [IX_invoices_CustomerId] ON [invoices] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE INDEX [IX_invoices_OrganizationId_CreatedAt] ON [invoices] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE UNIQUE INDEX [IX_invoices_OrganizationId_Number] ON [invoices] ([OrganizationId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE INDEX [IX_invoices_Status_NextAttemptAt] ON [invoices] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE UNIQUE INDEX [IX_invoices_SubscriptionId_PeriodStart] ON [invoices] ([SubscriptionId], [PeriodStart]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    CREATE INDEX [IX_job_runs_JobName_StartedAt] ON [job_runs] ([JobName], [StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203095038_AddInvoices'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203095038_AddInvoices', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122844_AddDunningMessages'
)
BEGIN
    ALTER TABLE [portal_sign_in_tokens] ADD [SubscriptionId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122844_AddDunningMessages'
)
BEGIN
    ALTER TABLE [outbox_messages] ADD [Kind] nvarchar(10) NOT NULL DEFAULT N'Email';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122844_AddDunningMessages'
)
BEGIN
    CREATE TABLE [dunning_messages] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [InvoiceId] uniqueidentifier NOT NULL,
        [Day] int NOT NULL,
        [Status] nvarchar(10) NOT NULL,
        [ClaimedAt] datetime2 NOT NULL,
        [SentAt] datetime2 NULL,
        [Detail] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [PK_dunning_messages] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_dunning_messages_invoices_InvoiceId] FOREIGN KEY ([InvoiceId]) REFERENCES [invoices] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122844_AddDunningMessages'
)
BEGIN
    CREATE INDEX [IX_portal_sign_in_tokens_SubscriptionId] ON [portal_sign_in_tokens] ([SubscriptionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122844_AddDunningMessages'
)
BEGIN
    CREATE UNIQUE INDEX [IX_dunning_messages_InvoiceId_Day] ON [dunning_messages] ([InvoiceId], [Day]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122844_AddDunningMessages'
)
BEGIN
    ALTER TABLE [portal_sign_in_tokens] ADD CONSTRAINT [FK_portal_sign_in_tokens_subscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [subscriptions] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122844_AddDunningMessages'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203122844_AddDunningMessages', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122901_AddInvoiceReceipts'
)
BEGIN
    ALTER TABLE [outbox_messages] ADD [AttachmentContent] varbinary(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122901_AddInvoiceReceipts'
)
BEGIN
    ALTER TABLE [outbox_messages] ADD [AttachmentContentType] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122901_AddInvoiceReceipts'
)
BEGIN
    ALTER TABLE [outbox_messages] ADD [AttachmentName] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122901_AddInvoiceReceipts'
)
BEGIN
    ALTER TABLE [invoices] ADD [ReceiptSentAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122901_AddInvoiceReceipts'
)
BEGIN
    CREATE INDEX [IX_invoices_Status_PaidAt] ON [invoices] ([Status], [PaidAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203122901_AddInvoiceReceipts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203122901_AddInvoiceReceipts', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123214_AddPaymentPatternsAndTrialReminders'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [TrialReminderSentAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123214_AddPaymentPatternsAndTrialReminders'
)
BEGIN
    CREATE TABLE [customer_payment_patterns] (
        [CustomerId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Pattern] nvarchar(max) NOT NULL,
        [LearnedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_customer_payment_patterns] PRIMARY KEY ([CustomerId]),
        CONSTRAINT [FK_customer_payment_patterns_customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [customers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123214_AddPaymentPatternsAndTrialReminders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203123214_AddPaymentPatternsAndTrialReminders', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123558_AddPlanChanges'
)
BEGIN
    DROP INDEX [IX_invoices_SubscriptionId_PeriodStart] ON [invoices];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123558_AddPlanChanges'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [CreditBalance] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123558_AddPlanChanges'
)
BEGIN
    ALTER TABLE [invoices] ADD [AmountCreditApplied] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123558_AddPlanChanges'
)
BEGIN
    ALTER TABLE [invoices] ADD [Kind] nvarchar(20) NOT NULL DEFAULT N'Renewal';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123558_AddPlanChanges'
)
BEGIN
    CREATE UNIQUE INDEX [IX_invoices_SubscriptionId_Kind_PeriodStart] ON [invoices] ([SubscriptionId], [Kind], [PeriodStart]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203123558_AddPlanChanges'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203123558_AddPlanChanges', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203165333_SubscriptionsWithoutOrders'
)
BEGIN
    DROP INDEX [IX_subscriptions_OrderLineId] ON [subscriptions];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203165333_SubscriptionsWithoutOrders'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[subscriptions]') AND [c].[name] = N'OrderLineId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [subscriptions] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [subscriptions] ALTER COLUMN [OrderLineId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203165333_SubscriptionsWithoutOrders'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[subscriptions]') AND [c].[name] = N'OrderId');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [subscriptions] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [subscriptions] ALTER COLUMN [OrderId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203165333_SubscriptionsWithoutOrders'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_subscriptions_OrderLineId] ON [subscriptions] ([OrderLineId]) WHERE [OrderLineId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203165333_SubscriptionsWithoutOrders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203165333_SubscriptionsWithoutOrders', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [orders] ADD [FunnelId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [orders] ADD [FunnelVariant] nvarchar(32) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [orders] ADD [FunnelVersionId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE TABLE [funnel_draft_history] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FunnelId] uniqueidentifier NOT NULL,
        [Revision] int NOT NULL,
        [Snapshot] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_funnel_draft_history] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE TABLE [funnel_events] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FunnelId] uniqueidentifier NOT NULL,
        [FunnelVersionId] uniqueidentifier NOT NULL,
        [FunnelSessionId] uniqueidentifier NOT NULL,
        [StepKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [VariantKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NULL,
        [Kind] nvarchar(30) NOT NULL,
        [AmountMinor] bigint NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NULL,
        [OccurredAt] datetime2 NOT NULL,
        CONSTRAINT [PK_funnel_events] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE TABLE [funnel_sessions] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FunnelId] uniqueidentifier NOT NULL,
        [FunnelVersionId] uniqueidentifier NOT NULL,
        [VisitorId] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [CurrentStepKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Variants] nvarchar(max) NOT NULL,
        [CheckoutSessionId] uniqueidentifier NULL,
        [OrderId] uniqueidentifier NULL,
        [Status] nvarchar(20) NOT NULL,
        [EventCount] int NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_funnel_sessions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE TABLE [funnel_steps] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FunnelId] uniqueidentifier NOT NULL,
        [Key] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Type] nvarchar(30) NOT NULL,
        [Name] nvarchar(80) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [SortOrder] int NOT NULL,
        [OfferId] uniqueidentifier NULL,
        [OfferIds] nvarchar(max) NOT NULL,
        [Blocks] nvarchar(max) NOT NULL,
        [Variants] nvarchar(max) NOT NULL,
        [ControlWeight] int NOT NULL,
        [Test] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_funnel_steps] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE TABLE [funnel_versions] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FunnelId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [Snapshot] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [PublishedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_funnel_versions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE TABLE [funnels] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(120) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Slug] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Revision] int NOT NULL,
        [PublishedVersionId] uniqueidentifier NULL,
        [HasUnpublishedChanges] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_funnels] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_funnels_funnel_versions_PublishedVersionId] FOREIGN KEY ([PublishedVersionId]) REFERENCES [funnel_versions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_funnels_organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_orders_FunnelId_CreatedAt] ON [orders] ([FunnelId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE UNIQUE INDEX [IX_funnel_draft_history_FunnelId_Revision] ON [funnel_draft_history] ([FunnelId], [Revision]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_draft_history_OrganizationId] ON [funnel_draft_history] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_events_FunnelId_Kind_StepKey_VariantKey] ON [funnel_events] ([FunnelId], [Kind], [StepKey], [VariantKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_events_FunnelId_OccurredAt] ON [funnel_events] ([FunnelId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_events_FunnelSessionId] ON [funnel_events] ([FunnelSessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_events_OrganizationId] ON [funnel_events] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_sessions_FunnelId_StartedAt] ON [funnel_sessions] ([FunnelId], [StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_sessions_FunnelVersionId] ON [funnel_sessions] ([FunnelVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_sessions_OrganizationId] ON [funnel_sessions] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE UNIQUE INDEX [IX_funnel_steps_FunnelId_Key] ON [funnel_steps] ([FunnelId], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_steps_OrganizationId] ON [funnel_steps] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE UNIQUE INDEX [IX_funnel_versions_FunnelId_Number] ON [funnel_versions] ([FunnelId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnel_versions_OrganizationId] ON [funnel_versions] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnels_OrganizationId_CreatedAt] ON [funnels] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE UNIQUE INDEX [IX_funnels_OrganizationId_Slug] ON [funnels] ([OrganizationId], [Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    CREATE INDEX [IX_funnels_PublishedVersionId] ON [funnels] ([PublishedVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [funnel_draft_history] ADD CONSTRAINT [FK_funnel_draft_history_funnels_FunnelId] FOREIGN KEY ([FunnelId]) REFERENCES [funnels] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [funnel_events] ADD CONSTRAINT [FK_funnel_events_funnel_sessions_FunnelSessionId] FOREIGN KEY ([FunnelSessionId]) REFERENCES [funnel_sessions] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [funnel_sessions] ADD CONSTRAINT [FK_funnel_sessions_funnel_versions_FunnelVersionId] FOREIGN KEY ([FunnelVersionId]) REFERENCES [funnel_versions] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [funnel_sessions] ADD CONSTRAINT [FK_funnel_sessions_funnels_FunnelId] FOREIGN KEY ([FunnelId]) REFERENCES [funnels] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [funnel_steps] ADD CONSTRAINT [FK_funnel_steps_funnels_FunnelId] FOREIGN KEY ([FunnelId]) REFERENCES [funnels] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    ALTER TABLE [funnel_versions] ADD CONSTRAINT [FK_funnel_versions_funnels_FunnelId] FOREIGN KEY ([FunnelId]) REFERENCES [funnels] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190543_Funnels'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203190543_Funnels', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203214614_FunnelAttribution'
)
BEGIN
    DROP INDEX [IX_checkout_sessions_ParentOrderId] ON [checkout_sessions];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203214614_FunnelAttribution'
)
BEGIN
    ALTER TABLE [funnel_sessions] ADD [ChosenOfferId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203214614_FunnelAttribution'
)
BEGIN
    CREATE INDEX [IX_funnel_sessions_CheckoutSessionId] ON [funnel_sessions] ([CheckoutSessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203214614_FunnelAttribution'
)
BEGIN
    CREATE INDEX [IX_funnel_sessions_OrderId] ON [funnel_sessions] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203214614_FunnelAttribution'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_checkout_sessions_ParentOrderId_OfferId] ON [checkout_sessions] ([ParentOrderId], [OfferId]) WHERE [ParentOrderId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203214614_FunnelAttribution'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203214614_FunnelAttribution', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203230858_FunnelAnalyticsRollup'
)
BEGIN
    DROP INDEX [IX_funnel_events_FunnelId_Kind_StepKey_VariantKey] ON [funnel_events];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203230858_FunnelAnalyticsRollup'
)
BEGIN
    CREATE TABLE [funnel_daily_revenue] (
        [FunnelId] uniqueidentifier NOT NULL,
        [Day] datetime2 NOT NULL,
        [StepKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ArmKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [AmountMinor] bigint NOT NULL,
        CONSTRAINT [PK_funnel_daily_revenue] PRIMARY KEY ([FunnelId], [Day], [StepKey], [ArmKey], [Currency]),
        CONSTRAINT [FK_funnel_daily_revenue_funnels_FunnelId] FOREIGN KEY ([FunnelId]) REFERENCES [funnels] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203230858_FunnelAnalyticsRollup'
)
BEGIN
    CREATE TABLE [funnel_daily_sessions] (
        [FunnelId] uniqueidentifier NOT NULL,
        [Day] datetime2 NOT NULL,
        [Kind] nvarchar(30) NOT NULL,
        [StepKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ArmKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Sessions] bigint NOT NULL,
        CONSTRAINT [PK_funnel_daily_sessions] PRIMARY KEY ([FunnelId], [Day], [Kind], [StepKey], [ArmKey]),
        CONSTRAINT [FK_funnel_daily_sessions_funnels_FunnelId] FOREIGN KEY ([FunnelId]) REFERENCES [funnels] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203230858_FunnelAnalyticsRollup'
)
BEGIN
    CREATE TABLE [funnel_session_firsts] (
        [FunnelSessionId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(30) NOT NULL,
        [StepKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ArmKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FunnelId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_funnel_session_firsts] PRIMARY KEY ([FunnelSessionId], [Kind], [StepKey], [ArmKey]),
        CONSTRAINT [FK_funnel_session_firsts_funnel_sessions_FunnelSessionId] FOREIGN KEY ([FunnelSessionId]) REFERENCES [funnel_sessions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203230858_FunnelAnalyticsRollup'
)
BEGIN
    CREATE INDEX [IX_funnel_daily_revenue_OrganizationId] ON [funnel_daily_revenue] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203230858_FunnelAnalyticsRollup'
)
BEGIN
    CREATE INDEX [IX_funnel_daily_sessions_OrganizationId] ON [funnel_daily_sessions] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203230858_FunnelAnalyticsRollup'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203230858_FunnelAnalyticsRollup', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204035218_AddCustomerTimeZone'
)
BEGIN
    ALTER TABLE [customers] ADD [TimeZone] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204035218_AddCustomerTimeZone'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204035218_AddCustomerTimeZone', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204102435_AddSubscriptionReview'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [ReviewReason] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204102435_AddSubscriptionReview'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [ReviewRequestedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204102435_AddSubscriptionReview'
)
BEGIN
    ALTER TABLE [subscriptions] ADD [SaveFlowStartedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204102435_AddSubscriptionReview'
)
BEGIN
    CREATE INDEX [IX_subscriptions_OrganizationId_ReviewRequestedAt] ON [subscriptions] ([OrganizationId], [ReviewRequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204102435_AddSubscriptionReview'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204102435_AddSubscriptionReview', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204155051_FunnelSessionUpdatedAtIndex'
)
BEGIN
    CREATE INDEX [IX_funnel_sessions_UpdatedAt] ON [funnel_sessions] ([UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204155051_FunnelSessionUpdatedAtIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204155051_FunnelSessionUpdatedAtIndex', N'10.0.15');
END;

COMMIT;
GO

