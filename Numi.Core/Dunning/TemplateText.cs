using System.Text;

namespace Numi.Core.Dunning;

/// <summary>The placeholders of a dunning email, <c>{{customer_name}}</c> (spaces inside the braces allowed), read by
/// one scanner that both the validator and the renderer use, so what validates is exactly what renders. Values are put
/// in as given and never scanned again: a customer named "{{amount}}" stays "{{amount}}". The text is plain; whoever
/// turns it into HTML escapes it there.</summary>
public static class TemplateText
{
    public static IReadOnlyList<string> Placeholders { get; } =
        ["customer_name", "merchant_name", "product_name", "amount", "update_card_url", "next_retry_date", "invoice_number", "retry_reason"];

    /// <summary>What a preview shows in place of a real customer.</summary>
    public static IReadOnlyDictionary<string, string> SampleValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["customer_name"] = "Jane Doe",
        ["merchant_name"] = "Acme",
        ["product_name"] = "Pro plan",
        ["amount"] = "$29.00",
        ["update_card_url"] = "https://pay.example.com/update-card",
        ["next_retry_date"] = "Fri 15 Jan 09:00 (America/Chicago)",
        ["invoice_number"] = "INV-000123",
        ["retry_reason"] = "Fri 15 Jan 09:00 America/Chicago: 4 of the last 5 payments succeeded on the 15th; insufficient funds is a soft decline",
    };

    /// <summary>A run of <see cref="Start"/>..<see cref="End"/> (exclusive) that is plain text, a placeholder (with its
    /// trimmed <see cref="Name"/>), or an opening <c>{{</c> never closed (running to the end).</summary>
    private readonly record struct Token(int Start, int End, string? Name, bool Unclosed = false);

    /// <summary>What is wrong with <paramref name="text"/>'s placeholders, as sentences; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(string text)
    {
        var problems = new List<string>();
        foreach (var token in Scan(text))
        {
            if (token.Unclosed)
                problems.Add($"The placeholder opened with {{{{ at character {token.Start + 1} is never closed with }}}}.");
            else if (token.Name is { } name && !IsKnown(name))
                problems.Add($"{{{{{name}}}}} is not a placeholder Numi knows; use {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}.");
        }
        return problems;
    }

    /// <summary>The names of the placeholders <paramref name="text"/> uses, known or not, in order.</summary>
    public static IReadOnlyList<string> Used(string text) => [.. Scan(text).Where(t => t.Name is not null).Select(t => t.Name!)];

    /// <summary><paramref name="text"/> with each placeholder replaced by its value; one without a value (or unknown,
    /// which validation refuses first) is left as written, so the mistake shows in the preview.</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values)
    {
        var output = new StringBuilder(text.Length + 64);
        foreach (var token in Scan(text))
        {
            if (token.Name is { } name && IsKnown(name) && values.TryGetValue(name, out var value)) output.Append(value);
            else output.Append(text, token.Start, token.End - token.Start);
        }
        return output.ToString();
    }

    private static bool IsKnown(string name) => Placeholders.Contains(name, StringComparer.Ordinal);

    private static List<Token> Scan(string text)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0) break;
            if (open > position) tokens.Add(new Token(position, open, null));
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                tokens.Add(new Token(open, text.Length, null, Unclosed: true));
                return tokens;
            }
            tokens.Add(new Token(open, close + 2, text[(open + 2)..close].Trim()));
            position = close + 2;
        }
        if (position < text.Length) tokens.Add(new Token(position, text.Length, null));
        return tokens;
    }
}
