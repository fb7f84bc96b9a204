namespace Numi.Core.Common;

/// <summary>An expected failure: a stable machine code (Stripe's where one fits), a message for people,
/// and the parameter or form field it concerns.</summary>
public sealed record Error(string Code, string Message, string? Param = null, string? DeclineCode = null)
{
    public static Error Missing(string param, string message) => new(ErrorCodes.ParameterMissing, message, param);
    public static Error Invalid(string param, string message) => new(ErrorCodes.ParameterInvalid, message, param);
    public static Error NotFound(string message, string? param = null) => new(ErrorCodes.ResourceMissing, message, param);
    public static Error Conflict(string message, string? param = null) => new(ErrorCodes.StateConflict, message, param);
}

public static class ErrorCodes
{
    public const string ParameterMissing = "parameter_missing";
    public const string ParameterInvalid = "parameter_invalid";
    public const string ParameterUnknown = "parameter_unknown";
    public const string ResourceMissing = "resource_missing";
    public const string StateConflict = "state_conflict";
    /// <summary>The change was made from an older version of the thing it changes (another editor saved since).</summary>
    public const string VersionConflict = "version_conflict";
    public const string Forbidden = "forbidden";
    public const string CardDeclined = "card_declined";
    public const string AuthenticationRequired = "authentication_required";
}

/// <summary>The outcome of a use case: a value, or one or more errors. Never null for failure.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Errors = [];
    }

    private Result(IReadOnlyList<Error> errors)
    {
        if (errors.Count == 0) throw new ArgumentException("A failed result needs at least one error.", nameof(errors));
        Errors = errors;
    }

    public bool Succeeded => Errors.Count == 0;
    public IReadOnlyList<Error> Errors { get; }
    public Error FirstError => Errors[0];

    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"The result failed: {Errors[0].Message}");

    public static Result<T> Success(T value) => new(value);
    public static Result<T> Failure(params Error[] errors) => new(errors);
    public static Result<T> Failure(IReadOnlyList<Error> errors) => new(errors);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);
}
