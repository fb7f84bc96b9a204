using Numi.Core.Common;

namespace Numi.Web.Components.Kit;

/// <summary>Messages for a form, keyed by the same snake_case field names the API reports as <c>param</c>.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _general = [];

    public bool Any => _byField.Count > 0 || _general.Count > 0;
    public IReadOnlyList<string> General => _general;

    public void Add(string? field, string message)
    {
        if (string.IsNullOrEmpty(field)) { _general.Add(message); return; }
        if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public void AddRange(IEnumerable<Error> errors)
    {
        foreach (var error in errors) Add(error.Param, error.Message);
    }

    /// <summary>Errors of a command that nests this form's fields under <paramref name="prefix"/> (e.g. "design."):
    /// the messages land on the form's own field names.</summary>
    public void AddRange(IEnumerable<Error> errors, string prefix)
    {
        foreach (var error in errors)
            Add(error.Param is { } param && param.StartsWith(prefix, StringComparison.Ordinal) ? param[prefix.Length..] : error.Param, error.Message);
    }

    public IEnumerable<string> Fields => _byField.Keys;

    public bool Has(string field) => _byField.ContainsKey(field);
    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var list) ? list : [];

    /// <summary>A MudBlazor input's <c>ErrorText</c>: the field's messages as one line, or null when it has none.</summary>
    public string? Text(string field) => Has(field) ? string.Join(" ", _byField[field]) : null;

    /// <summary>Forgets a field's messages, once the person edits it.</summary>
    public void Clear(string field) => _byField.Remove(field);

    /// <summary>Forgets every message before the next submit.</summary>
    public void Clear()
    {
        _byField.Clear();
        _general.Clear();
    }

    /// <summary>An input's <c>aria-invalid</c>: "true" when it has messages, else left out.</summary>
    public string? AriaInvalid(string field) => Has(field) ? "true" : null;

    /// <summary>An input's classes: invalid when it has messages.</summary>
    public string InputClass(string field, string baseClass = "ac-input") => Has(field) ? baseClass + " ac-invalid" : baseClass;

    /// <summary>The messages a form cannot show under a field it displays: those without a field, and those of a field
    /// not on screen (an id, or a field the current choices hide), so that none is lost.</summary>
    public IEnumerable<string> Unplaced(Func<string, bool> shown) =>
        _general.Concat(_byField.Where(f => !shown(f.Key)).SelectMany(f => f.Value));

    /// <summary>Every message, field ones included, for the summary at the top of a form.</summary>
    public IEnumerable<string> All => _general.Concat(_byField.Values.SelectMany(v => v));
}
