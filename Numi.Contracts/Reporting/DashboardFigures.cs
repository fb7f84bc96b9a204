namespace Numi.Contracts.Reporting;

/// <summary>This month's sales in one currency, net of refunds; <see cref="OtherCurrencies"/> counts the currencies
/// that also sold but are not shown.</summary>
public sealed record MonthRevenue(string Currency, int Orders, long Net, int OtherCurrencies);

/// <summary>The figures on the merchant's dashboard; <see cref="Revenue"/> is null before the month's first sale.</summary>
public sealed record DashboardFigures(MonthRevenue? Revenue, int ActiveSubscriptions, int Products, int Members, int ActiveApiKeys);
