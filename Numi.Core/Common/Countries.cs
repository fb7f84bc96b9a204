using System.Globalization;

namespace Numi.Core.Common;

/// <summary>The ISO 3166-1 alpha-2 country codes, for checking a country a merchant or shopper gives.</summary>
public static class Countries
{
    private const string Codes =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
        "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
        "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
        "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
        "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    public static readonly IReadOnlyList<string> All = Codes.Split(' ');

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>The upper-case code of <paramref name="country"/> when it is an ISO 3166-1 alpha-2 code in any case, else null.</summary>
    public static string? Normalize(string? country)
    {
        var code = country?.Trim().ToUpperInvariant();
        return code is not null && Known.Contains(code) ? code : null;
    }

    /// <summary>Every code with its English name, sorted by name: the options of a country list.</summary>
    public static IReadOnlyList<(string Code, string Name)> ByName => Named.Value;

    private static readonly Lazy<IReadOnlyList<(string Code, string Name)>> Named =
        new(() => All.Select(c => (c, NameOf(c))).OrderBy(c => c.Item2, StringComparer.Ordinal).ToList());

    /// <summary>"United Kingdom" for GB; the code itself where the platform knows no name.</summary>
    public static string NameOf(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
