using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.ApiKeys;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Payments;

/// <summary>Connects (or replaces) the current organization's Stripe account. <see cref="WebhookSecrets"/> holds one
/// signing secret per line or separated by commas.</summary>
public sealed record ConnectStripe(string? SecretKey, string? PublishableKey, string? WebhookSecrets)
{
    public override string ToString() => "ConnectStripe { redacted }";

    public IReadOnlyList<string> WebhookSecretList =>
        (WebhookSecrets ?? "").Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Test or live, read from a key's prefix (<c>sk_test_</c>, <c>rk_live_</c>, <c>pk_test_</c>…).</summary>
    public static ApiKeyMode? ModeOf(string? key) =>
        key?.Trim() is { } k && k.Length > 8 ? k[3..8] switch { "test_" => ApiKeyMode.Test, "live_" => ApiKeyMode.Live, _ => null } : null;
}

public sealed partial class ConnectStripeValidator : AbstractValidator<ConnectStripe>
{
    public const int MaxWebhookSecrets = 5;

    public ConnectStripeValidator()
    {
        RuleFor(c => c.SecretKey).SingleLineText();
        RuleFor(c => c.PublishableKey).SingleLineText();
        RuleFor(c => c.WebhookSecrets).MultiLineText();
        RuleFor(c => c.SecretKey).NotEmpty().WithMessage("Enter your Stripe secret key.")
            .Must(k => SecretKeyPattern().IsMatch(k!.Trim()))
            .WithMessage("A secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_ (Stripe Dashboard › Developers › API keys).")
            .When(c => !string.IsNullOrWhiteSpace(c.SecretKey), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.PublishableKey).NotEmpty().WithMessage("Enter your Stripe publishable key.")
            .Must(k => PublishableKeyPattern().IsMatch(k!.Trim()))
            .WithMessage("A publishable key starts with pk_test_ or pk_live_.")
            .When(c => !string.IsNullOrWhiteSpace(c.PublishableKey), ApplyConditionTo.CurrentValidator)
            .Must((c, k) => ConnectStripe.ModeOf(k) == ConnectStripe.ModeOf(c.SecretKey))
            .WithMessage(c => $"This publishable key is a {Name(ConnectStripe.ModeOf(c.PublishableKey))} key but the secret key is a {Name(ConnectStripe.ModeOf(c.SecretKey))} key: use the pair from the same mode.")
            .When(c => IsKey(c.SecretKey, SecretKeyPattern()) && IsKey(c.PublishableKey, PublishableKeyPattern()), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.WebhookSecretList).NotEmpty().WithMessage("Enter the webhook signing secret (whsec_…) of your Stripe endpoint.")
            .Must(s => s.Count <= MaxWebhookSecrets).WithMessage($"Enter at most {MaxWebhookSecrets} signing secrets.")
            .Must(s => s.All(WebhookSecretPattern().IsMatch)).WithMessage("A webhook signing secret starts with whsec_ (Stripe Dashboard › Developers › Webhooks › your endpoint).")
            .OverridePropertyName("WebhookSecrets");
    }

    /// <summary>The keys, trimmed and with their mode, of a command this validator accepted.</summary>
    public static StripeKeys Keys(ConnectStripe command) =>
        new(ConnectStripe.ModeOf(command.SecretKey)!.Value, command.SecretKey!.Trim(), command.PublishableKey!.Trim(), command.WebhookSecretList.Distinct().ToList());

    private static bool IsKey(string? key, Regex pattern) => key is not null && pattern.IsMatch(key.Trim());

    private static string Name(ApiKeyMode? mode) => mode == ApiKeyMode.Live ? "live" : "test";

    [GeneratedRegex("^(sk|rk)_(test|live)_[A-Za-z0-9]{8,240}$")]
    private static partial Regex SecretKeyPattern();

    [GeneratedRegex("^pk_(test|live)_[A-Za-z0-9]{8,240}$")]
    private static partial Regex PublishableKeyPattern();

    [GeneratedRegex("^whsec_[A-Za-z0-9+/=]{8,200}$")]
    private static partial Regex WebhookSecretPattern();
}

/// <summary>Saves the keys only once Stripe has accepted the secret key, encrypted, one connection per organization.</summary>
public sealed class ConnectStripeHandler(INumiDb db, ITenantContext tenant, IValidator<ConnectStripe> validator, IStripeAccountCheck stripe,
    ISecretProtector protector, ControllableClock clock)
{
    public async Task<Result<StripeConnection>> HandleAsync(ConnectStripe command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<StripeConnection>.Failure(errors);
        if (tenant.OrganizationId is null) return Error.NotFound("The organization does not exist.");
        var keys = ConnectStripeValidator.Keys(command);
        if (await stripe.ProblemAsync(keys.SecretKey, ct) is { } problem) return Error.Invalid("secret_key", problem);

        var now = clock.GetUtcNow().UtcDateTime;
        var connection = await db.StripeConnections.FirstOrDefaultAsync(ct);
        if (connection is null) db.StripeConnections.Add(connection = StripeConnection.Create(now));
        connection.Use(keys, protector, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.Entry(connection).State == EntityState.Added && db.IsUniqueKeyRace(e))
        {
            // Another submission connected this organization at the same moment and the unique index refused this row:
            // the later keys replace the ones just saved, as connecting again does.
            db.Entry(connection).State = EntityState.Detached;
            connection = await db.StripeConnections.FirstAsync(ct);
            connection.Use(keys, protector, now);
            await db.SaveChangesAsync(ct);
        }
        return connection;
    }
}
