using Numi.Core.Common;

namespace Numi.Core.Tests.Validation;

internal static class ErrorAssert
{
    /// <summary>Asserts that one of <paramref name="errors"/> concerns <paramref name="param"/> with <paramref name="code"/>.</summary>
    public static void Has(IReadOnlyList<Error> errors, string code, string param)
    {
        var summary = string.Join("; ", errors.Select(e => $"{e.Param}:{e.Code}"));
        Assert.True(errors.Any(e => e.Code == code && e.Param == param), $"Expected {param}:{code} among [{summary}].");
    }

    public static void None(IReadOnlyList<Error> errors, string param) =>
        Assert.DoesNotContain(errors, e => e.Param == param);
}
