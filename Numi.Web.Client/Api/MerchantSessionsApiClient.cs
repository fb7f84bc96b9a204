using Numi.Contracts.Accounts;

namespace Numi.Web.Client.Api;

internal sealed class MerchantSessionsApiClient(NumiApiClient api) : Shell.IMerchantSessions
{
    // Never raised here: a request after the sign-in ended answers 401, which NumiApiClient turns into a reload.
    public event Action<string>? Ended { add { } remove { } }

    public Task<MerchantSession> ReadAsync(CancellationToken ct) => api.GetAsync<MerchantSession>("api/v1/me", ct);

    public async Task<bool> SwitchOrganizationAsync(Guid organizationId, CancellationToken ct)
    {
        using var response = await api.PostAsync("api/v1/me/organization", new SwitchOrganizationRequest { OrganizationId = organizationId }, ct);
        return response.IsSuccessStatusCode;
    }
}
