namespace Numi.Contracts;

/// <summary>ISO 4217 currencies Numi accepts, with Stripe's list of zero-decimal ones.</summary>
public static class Currency
{
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bhd",
        "bif", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn", "bzd", "cad", "cdf", "chf", "clp", "cny", "cop",
        "crc", "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "etb", "eur", "fjd", "fkp", "gbp", "gel", "ghs",
        "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "isk", "jmd", "jod",
        "jpy", "kes", "kgs", "khr", "kmf", "krw", "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad",
        "mdl", "mga", "mkd", "mmk", "mnt", "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio",
        "nok", "npr", "nzd", "omr", "pab", "pen", "pgk", "php", "pkr", "pln", "pyg", "qar", "ron", "rsd", "rub",
        "rwf", "sar", "sbd", "scr", "sek", "sgd", "shp", "sle", "sos", "srd", "std", "szl", "thb", "tjs", "tnd",
        "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "usd", "uyu", "uzs", "vnd", "vuv", "wst", "xaf", "xcd",
        "xof", "xpf", "yer", "zar", "zmw",
    };

    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.Ordinal)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    public static IReadOnlyCollection<string> All => Codes;

    /// <summary>Lower-case ISO code if <paramref name="code"/> names a known currency, else null.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var lower = code.Trim().ToLowerInvariant();
        return Codes.Contains(lower) ? lower : null;
    }

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.Ordinal) { "bhd", "jod", "kwd", "omr", "tnd" };

    public static bool IsZeroDecimal(string code) => ZeroDecimal.Contains(code);

    /// <summary>How many minor-unit digits the currency has: 0 for JPY, 3 for KWD, 2 for most.</summary>
    public static int Decimals(string code) => ZeroDecimal.Contains(code) ? 0 : ThreeDecimal.Contains(code) ? 3 : 2;
}
