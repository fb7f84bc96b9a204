using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

public sealed record CreatePrice(
    Guid? ProductId,
    string? Currency,
    PriceType? Type,
    PriceInterval? Interval,
    int? IntervalCount,
    int? CancelAfterCycles,
    BillingScheme? BillingScheme,
    long? UnitAmount,
    PackageInput? Package,
    TiersMode? TiersMode,
    IReadOnlyList<TierInput>? Tiers,
    PriceScope? Scope = null,
    Guid? ParentListPriceId = null,
    string? Nickname = null) : IPricingFields;

public sealed class CreatePriceValidator : AbstractValidator<CreatePrice>
{
    /// <summary>Stripe's limit: a billing period is at most three years.</summary>
    private static readonly Dictionary<PriceInterval, int> MaxCount = new()
    {
        [PriceInterval.Day] = 1095, [PriceInterval.Week] = 156, [PriceInterval.Month] = 36, [PriceInterval.Year] = 3,
    };

    public CreatePriceValidator()
    {
        RuleFor(c => c.ProductId).NotNull().WithMessage("Name the product this price is for.").OverridePropertyName("Product");
        RuleFor(c => c.Currency).NotEmpty().WithMessage("Choose a currency, e.g. usd.").KnownCurrency();
        RuleFor(c => c.Type).NotNull().WithMessage("Choose one_time or recurring.")
            .IsInEnum().WithMessage("The type must be one_time or recurring.");
        RuleFor(c => c.Currency).SingleLineText();
        RuleFor(c => c.Nickname).PriceNickname();

        When(c => c.Type == PriceType.Recurring, () =>
        {
            RuleFor(c => c.Interval).NotNull().WithMessage("A recurring price needs an interval: day, week, month or year.")
                .IsInEnum().WithMessage("The interval must be day, week, month or year.");
            RuleFor(c => c.IntervalCount).GreaterThanOrEqualTo(1).WithMessage("The interval count must be 1 or more.");
            RuleFor(c => c.IntervalCount)
                .Must((c, count) => count is null || c.Interval is not { } i || !MaxCount.TryGetValue(i, out var max) || count <= max)
                .WithMessage((c, count) => $"A billing period can be at most three years ({MaxCount[c.Interval!.Value]} {c.Interval.Value.ToString().ToLowerInvariant()}s).");
            RuleFor(c => c.CancelAfterCycles).InclusiveBetween(1, 1000).WithMessage("Cancel after between 1 and 1000 periods, or leave it empty.");
        });
        When(c => c.Type == PriceType.OneTime, () =>
        {
            RuleFor(c => c.Interval).Null().WithMessage("A one-time price has no interval.");
            RuleFor(c => c.IntervalCount).Null().WithMessage("A one-time price has no interval count.");
            RuleFor(c => c.CancelAfterCycles).Null().WithMessage("Only recurring prices can cancel after a number of periods.");
        });

        RuleFor(c => c.Scope).IsInEnum().WithMessage("The scope must be list or custom.");
        RuleFor(c => c.ParentListPriceId).NotNull().When(c => c.Scope == PriceScope.Custom)
            .WithMessage("A custom price names the list price it overrides (parent_list_price).").OverridePropertyName("ParentListPrice");
        RuleFor(c => c.ParentListPriceId).Null().When(c => c.Scope is null or PriceScope.List)
            .WithMessage("Only a custom price has a parent list price.").OverridePropertyName("ParentListPrice");

        Include(new PricingFieldsValidator<CreatePrice>());
    }
}

public sealed class CreatePriceHandler(INumiDb db, IValidator<CreatePrice> validator, ControllableClock clock)
{
    public async Task<Result<Price>> HandleAsync(CreatePrice command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Price>.Failure(errors);

        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, ct);
        if (product is null) return Error.Invalid("product", "No such product.");
        if (!product.Active) return Error.Invalid("product", $"'{product.Name}' is archived; restore it before adding prices.");

        var currency = Currency.Normalize(command.Currency)!;
        var scope = command.Scope ?? PriceScope.List;
        if (scope == PriceScope.Custom)
        {
            var parent = await db.Prices.FirstOrDefaultAsync(p => p.Id == command.ParentListPriceId, ct);
            if (parent is null || parent.ProductId != product.Id || parent.Scope != PriceScope.List)
                return Error.Invalid("parent_list_price", "The parent must be a list price of the same product.");
            if (!parent.Active)
                return Error.Invalid("parent_list_price", "The parent list price is archived; choose an active one.");
            if (parent.Currency != currency)
                return Error.Invalid("parent_list_price",
                    $"The parent list price is in {parent.Currency.ToUpperInvariant()}; a custom price must use the same currency, not {currency.ToUpperInvariant()}.");
        }

        var schedule = new PriceSchedule(command.Type!.Value, command.Interval, command.IntervalCount, command.CancelAfterCycles);
        var price = Price.Create(product.Id, currency, schedule, command.ToModel(), scope, command.ParentListPriceId, command.Nickname,
            clock.GetUtcNow().UtcDateTime);
        db.Prices.Add(price);
        await db.SaveChangesAsync(ct);
        return price;
    }
}
