using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Invoices;

/// <summary><c>GET /api/v1/reports/recovery</c>: the organization's own failed renewals over the last 30 days by default;
/// a time that is not one is a 400, a period that ends before it starts or is too long a 422, each naming its parameter.</summary>
[Collection(AppCollection.Name)]
public sealed class RecoveryReportApiTests(NumiFactory factory)
{
    [Fact]
    public async Task The_report_counts_the_organizations_own_failed_renewals()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _other = other;
        await factory.RenewedAsync(organization, api, "pm_card_chargeCustomerFail");

        var report = await api.GetFromJsonElementAsync("/api/v1/reports/recovery");
        var strategy = report.GetProperty("by_strategy")[0];
        Assert.Equal(("mi_optimized", 1, 0), (strategy.GetProperty("strategy").GetString(), strategy.GetProperty("failed").GetInt32(),
            strategy.GetProperty("recovered").GetInt32()));
        Assert.Equal(30 * 86_400L, report.GetProperty("to").GetInt64() - report.GetProperty("from").GetInt64());
        var theirs = await other.GetFromJsonElementAsync("/api/v1/reports/recovery");
        Assert.Equal((0, 0), (theirs.GetProperty("by_strategy").GetArrayLength(), theirs.GetProperty("by_retry").GetArrayLength()));
    }

    [Theory]
    [InlineData("?from=yesterday", HttpStatusCode.BadRequest, "from")]
    [InlineData("?to=-5", HttpStatusCode.BadRequest, "to")]
    [InlineData("?from=2000&to=1000", HttpStatusCode.UnprocessableEntity, "from")]
    [InlineData("?from=0&to=100000000", HttpStatusCode.UnprocessableEntity, "from")]
    public async Task A_period_that_is_not_one_is_refused_naming_the_parameter(string query, HttpStatusCode status, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;

        using var response = await api.GetAsync("/api/v1/reports/recovery" + query);

        await response.ProblemAsync(status, "parameter_invalid", param);
    }
}
