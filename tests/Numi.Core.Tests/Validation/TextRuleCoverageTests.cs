using System.Collections;
using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;

namespace Numi.Core.Tests.Validation;

/// <summary>Every text a person types into a command is refused when it holds a control character: for each validator
/// Core registers, every settable string (or list of strings) of its command, nested records and lists included, is
/// given an ESC and must come back with a control-character error on that field. A new field without
/// <c>.SingleLineText()</c> or <c>.MultiLineText()</c> fails here.</summary>
public sealed class TextRuleCoverageTests
{
    private const string Probe = "a\u001bb";

    /// <summary>Text checked another way, and why.</summary>
    private static readonly Dictionary<string, string> CheckedElsewhere = new()
    {
        ["SignUp.Password"] = "hashed by Identity, never shown or stored as text: any character may be part of a password",
        ["ConfirmCheckout.Card"] = "card details live in memory for the processor's card check only, never stored",
        ["ChangeSubscriptionCard.Card"] = "as ConfirmCheckout.Card: in memory for the processor's card check only, never stored",
        ["ConfirmCheckout.Details"] = "CheckoutDetails.Validate refuses control characters field by field (CheckoutDetailsTests)",
        ["StartCheckout.BrowserKeyHash"] = "computed by Numi (the SHA-256 of the browser's key), never typed by a person",
        ["StartCheckout.Selection"] = "its keys must name one of the offer's slots (CheckoutCart.Build refuses any other), so no free text is stored",
        ["ConfirmCheckout.Selection"] = "as StartCheckout.Selection: its keys must name one of the offer's slots (CheckoutCart.Build refuses any other)",
    };

    private static readonly Dictionary<string, IValidator> Registered = new ServiceCollection().AddCore()
        .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>))
        .ToDictionary(d => d.ServiceType.GetGenericArguments()[0].Name, d => (IValidator)Activator.CreateInstance(d.ImplementationType!)!);

    public static TheoryData<string> Commands => [.. Registered.Keys.Order()];

    [Theory, MemberData(nameof(Commands))]
    public void Every_text_field_of_the_command_refuses_control_characters(string command)
    {
        var validator = Registered[command];
        var type = validator.GetType().GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];
        var probes = Probes(type, 0).ToList();
        var unguarded = probes
            .Where(probe => !Errors(validator, probe.Root).Any(e => Concerns(Numi.Core.Common.Validation.ParamName(probe.Path), e.Param) && e.Message.Contains("control characters", StringComparison.Ordinal)))
            .Select(probe => probe.Path)
            .ToList();

        Assert.Empty(unguarded);
    }

    [Fact]
    public void The_probes_reach_nested_records_and_lists()
    {
        var offer = Probes(typeof(Numi.Core.Offers.CreateOffer), 0).Select(p => p.Path).ToList();

        Assert.Contains("Slots[0].Options[0].Label", offer);
        Assert.Contains("Design.Bullets[0]", offer);
        Assert.Contains("PaymentSettings.CustomFields[0].Label", offer);
        Assert.Contains("Description", offer);
    }

    private static IReadOnlyList<Error> Errors(IValidator validator, object instance)
    {
        var result = validator.Validate(new ValidationContext<object>(instance));
        return result.Errors.Select(f => new Error(f.ErrorCode, f.ErrorMessage, Numi.Core.Common.Validation.ParamName(f.PropertyName))).ToList();
    }

    /// <summary>The error names the probed field: the same path, or its tail where a validator reports nested fields
    /// at the top (discount terms and limits are reported as <c>code</c>, not <c>terms.code</c>).</summary>
    private static bool Concerns(string probed, string? param) =>
        param is { Length: > 0 } && (probed == param || probed.EndsWith("." + param, StringComparison.Ordinal));

    /// <summary>One instance of <paramref name="type"/> per text field reachable from it, that field holding the probe.</summary>
    private static IEnumerable<(string Path, object Root)> Probes(Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.CanWrite))
        {
            if (CheckedElsewhere.ContainsKey($"{type.Name}.{property.Name}")) continue;
            var element = ElementOf(property.PropertyType);
            if (property.PropertyType == typeof(string))
                yield return (property.Name, With(type, property, Probe));
            else if (element == typeof(string))
                yield return ($"{property.Name}[0]", With(type, property, new[] { Probe }));
            else if (depth < 3 && IsRecord(element ?? property.PropertyType))
            {
                var nested = element ?? property.PropertyType;
                foreach (var (path, inner) in Probes(nested, depth + 1))
                {
                    object value = inner;
                    if (element is not null)
                    {
                        var list = Array.CreateInstance(nested, 1);
                        list.SetValue(inner, 0);
                        value = list;
                    }
                    yield return ($"{property.Name}{(element is null ? "" : "[0]")}.{path}", With(type, property, value));
                }
            }
        }
    }

    private static object With(Type type, PropertyInfo property, object value)
    {
        var instance = New(type, 0);
        property.SetValue(instance, value);
        return instance;
    }

    /// <summary>An instance with every constructor argument at its default, nested records built the same way (never
    /// through a record's copy constructor).</summary>
    private static object New(Type type, int depth)
    {
        var constructor = type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => c.GetParameters() is not [{ } only] || only.ParameterType != type)
            .MaxBy(c => c.GetParameters().Length)!;
        var arguments = constructor.GetParameters()
            .Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType)
                : depth < 3 && IsRecord(p.ParameterType) ? New(p.ParameterType, depth + 1) : null)
            .ToArray();
        return constructor.Invoke(arguments);
    }

    private static bool IsRecord(Type type) =>
        type.IsClass && type.Namespace?.StartsWith("Numi.Core", StringComparison.Ordinal) == true && !typeof(Delegate).IsAssignableFrom(type);

    private static Type? ElementOf(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;
}
