using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

namespace Numi.Core.Common;

public static class Validation
{
    /// <summary>Runs a validator and turns its failures into <see cref="Error"/>s whose <c>Param</c> is the
    /// snake_case field name, the same name the API reports and the pages show messages under.</summary>
    public static IReadOnlyList<Error> Check<T>(this IValidator<T> validator, T instance)
    {
        var result = validator.Validate(instance);
        return result.IsValid ? [] : result.Errors.Select(ToError).ToList();
    }

    private static Error ToError(ValidationFailure failure)
    {
        var code = failure.ErrorCode is "NotEmptyValidator" or "NotNullValidator" ? ErrorCodes.ParameterMissing : ErrorCodes.ParameterInvalid;
        return new Error(code, failure.ErrorMessage, ParamName(failure.PropertyName));
    }

    /// <summary>Text the database cannot store (PostgreSQL refuses NUL) or a person would not type into a one-line field:
    /// control characters (C0, DEL, C1) and the Unicode line and paragraph separators.</summary>
    public static bool NoControlCharacters(string? text) => text is null || !text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    /// <summary>Like <see cref="NoControlCharacters"/> but allowing tab and line breaks, for text meant to span lines.</summary>
    public static bool NoControlCharactersButLineBreaks(string? text) =>
        text is null || !text.Any(c => (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\u2028' or '\u2029');

    /// <summary>Every text field a person types carries one of these two rules (a Core test checks each command's
    /// string properties): one-line fields refuse every control character, tab and line breaks included.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLineText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new TextValidator<T>(multiLine: false));

    /// <summary>For descriptions and other text that may span lines: tab, line feed and carriage return are allowed.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLineText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new TextValidator<T>(multiLine: true));

    public static string ParamName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));

    /// <summary>The earliest and latest moments a merchant may name: anything outside is a typing or unit mistake
    /// (a negative Unix time, milliseconds sent as seconds), not a date anyone means.</summary>
    public static readonly DateTime EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime LatestTimestamp = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IRuleBuilderOptions<T, DateTime?> PlausibleTimestamp<T>(this IRuleBuilder<T, DateTime?> rule) =>
        rule.Must(t => t is null || (t >= EarliestTimestamp && t <= LatestTimestamp))
            .WithMessage($"Choose a moment between 2000-01-01 and 2100-01-01 (Unix {new DateTimeOffset(EarliestTimestamp).ToUnixTimeSeconds()} to {new DateTimeOffset(LatestTimestamp).ToUnixTimeSeconds()}).");

    public static IRuleBuilderOptions<T, string?> KnownCurrency<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Currency.Normalize(c) is not null).WithMessage("'{PropertyValue}' is not a supported ISO 4217 currency code.");

    public static IRuleBuilderOptions<T, string?> KnownTimeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(z => z is null || TimeZones.IsKnown(z)).WithMessage("'{PropertyValue}' is not an IANA time zone such as Europe/Paris.");
}

/// <summary>The rule behind <see cref="Validation.SingleLineText{T}"/> and <see cref="Validation.MultiLineText{T}"/>: a
/// validator class of its own, so a test can find it on every text field.</summary>
public sealed class TextValidator<T>(bool multiLine) : FluentValidation.Validators.PropertyValidator<T, string?>
{
    public bool MultiLine => multiLine;

    public override string Name => "TextValidator";

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        multiLine ? Validation.NoControlCharactersButLineBreaks(value) : Validation.NoControlCharacters(value);

    protected override string GetDefaultMessageTemplate(string errorCode) => multiLine
        ? "{PropertyName} cannot contain control characters (tabs and line breaks are fine)."
        : "{PropertyName} must be one line without control characters (no tabs or line breaks).";
}
