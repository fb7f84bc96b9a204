using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

public interface IFunnelFields
{
    string? Name { get; }
    /// <summary>The funnel's part of its public URL; made from the name when empty.</summary>
    string? Slug { get; }
}

public sealed class FunnelFieldsValidator<T> : AbstractValidator<T> where T : IFunnelFields
{
    public FunnelFieldsValidator()
    {
        RuleFor(f => f.Name).SingleLineText();
        RuleFor(f => f.Slug).SingleLineText();
        RuleFor(f => f.Name).NotEmpty().WithMessage("Give the funnel a name.")
            .MaximumLength(120).WithMessage("The name must have at most 120 characters.");
        RuleFor(f => f.Slug).Must(s => string.IsNullOrEmpty(s) || Organizations.Slug.IsValid(Organizations.Slug.Normalize(s)))
            .WithMessage("A slug has 3–40 lower-case letters, digits and single hyphens, e.g. spring-sale.");
        RuleFor(f => f.Name).Must(n => Organizations.Slug.IsValid(Organizations.Slug.FromName(n!)))
            .When(f => string.IsNullOrEmpty(f.Slug) && !string.IsNullOrWhiteSpace(f.Name))
            .WithMessage("Choose a slug: this name does not make one (3–40 letters, digits and hyphens).");
    }

    public static string SlugOf(IFunnelFields fields) =>
        string.IsNullOrEmpty(fields.Slug) ? Organizations.Slug.FromName(fields.Name!) : Organizations.Slug.Normalize(fields.Slug);
}

internal static class FunnelSlugs
{
    public static async Task<Error?> TakenAsync(INumiDb db, string slug, Guid? except, CancellationToken ct) =>
        await db.Funnels.AnyAsync(f => f.Slug == slug && f.Id != except, ct)
            ? Error.Invalid("slug", $"Another funnel already uses the slug '{slug}'.")
            : null;
}

internal static class FunnelResults
{
    /// <summary>The funnel when <paramref name="result"/> succeeded, else its errors.</summary>
    public static Result<Funnel> Then<T>(this Result<T> result, Funnel funnel) =>
        result.Succeeded ? funnel : Result<Funnel>.Failure(result.Errors);

    /// <summary>Every offer named must exist in the organization (a draft may still point at unpublished ones).</summary>
    public static async Task<Error?> CheckOffersExistAsync(INumiDb db, IReadOnlyCollection<Guid> ids, string param, CancellationToken ct)
    {
        if (ids.Count == 0) return null;
        var found = await db.Offers.CountAsync(o => ids.Contains(o.Id), ct);
        return found == ids.Distinct().Count() ? null : Error.Invalid(param, "No such offer.");
    }
}
