namespace Numi.Core.Dunning;

/// <summary>Which dates count as a payday for a customer: the days of the month their payments succeeded on (a learned
/// day past the end of a shorter month means that month's last day: a customer paid on the 31st is paid on 28 February
/// too), or, with too little history, the common ones: the 1st, the 15th and the last business day of the month
/// (Monday to Friday; public holidays differ by country and are not modelled).</summary>
public static class Paydays
{
    /// <summary>Why <paramref name="date"/> is a payday, or null when it is not one.</summary>
    public static string? Why(DateOnly date, PaymentPattern pattern)
    {
        var daysInMonth = DateTime.DaysInMonth(date.Year, date.Month);
        if (pattern.HasPayday)
        {
            if ((pattern.DayMask & (1 << date.Day)) != 0) return pattern.DescribeDay(date.Day);
            // A learned day that the month lacks (the 30th in February) falls on its last day.
            var beyond = date.Day == daysInMonth ? PaymentPattern.FirstBit(pattern.DayMask, daysInMonth + 1) : -1;
            return beyond > 0 ? pattern.DescribeDay(beyond) : null;
        }
        if (date.Day is 1 or 15) return $"the {PaymentPattern.Ordinal(date.Day)} is a common payday (too little history to learn theirs)";
        if (date == LastBusinessDay(date.Year, date.Month)) return "the last business day of the month is a common payday (too little history to learn theirs)";
        return null;
    }

    public static DateOnly LastBusinessDay(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(-1);
        return date;
    }
}
