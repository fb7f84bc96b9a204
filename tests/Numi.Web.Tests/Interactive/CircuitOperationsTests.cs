using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Persistence;
using Numi.Web.Client.Api;
using Numi.Web.Interactive;
using Numi.Web.Tenancy;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

[Collection(AppCollection.Name)]
public sealed class CircuitOperationsTests(NumiFactory factory)
{
    private readonly RecordingNavigation _navigation = new();

    private CircuitOperations Circuit(ClaimsPrincipal principal) =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), new FixedAuthentication(principal), _navigation);

    private async Task<CircuitOperations> OpenPageAsync(CircuitPerson person) => Circuit(await factory.PrincipalAsync(person));

    /// <summary>Runs an operation that records whether it ran; it must not once the sign-in stopped holding.</summary>
    private static async Task<bool> RanAfterTheEndAsync(CircuitOperations operations)
    {
        var ran = false;
        await Assert.ThrowsAsync<SessionEndedException>(() => operations.RunAsync(_ => Task.FromResult(ran = true)));
        return ran;
    }

    [Fact]
    public async Task An_operation_runs_in_its_own_scope_inside_the_persons_organization()
    {
        var person = await factory.SignUpPersonAsync();
        var operations = await OpenPageAsync(person);

        var first = await operations.RunAsync(services =>
            Task.FromResult((services.GetRequiredService<RequestTenant>().OrganizationId, services.GetRequiredService<NumiDbContext>())));
        var second = await operations.RunAsync(services => Task.FromResult(services.GetRequiredService<NumiDbContext>()));

        Assert.Equal(person.OrganizationId, first.OrganizationId);
        Assert.NotSame(first.Item2, second);
        Assert.Empty(_navigation.Visits);
    }

    [Fact]
    public async Task After_a_switch_to_another_organization_nothing_runs_and_the_page_reloads_into_it()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.CreateOrganizationAsync();
        await factory.JoinAsync(person, other);
        var operations = await OpenPageAsync(person);

        Assert.True(await factory.SwitchOrganizationAsync(person, other));

        Assert.False(await RanAfterTheEndAsync(operations));
        Assert.Equal([("", true)], _navigation.Visits);
    }

    [Fact]
    public async Task After_signing_out_elsewhere_nothing_runs_and_the_page_goes_to_sign_in()
    {
        var person = await factory.SignUpPersonAsync();
        var operations = await OpenPageAsync(person);

        await factory.RotateSecurityStampAsync(person);

        Assert.False(await RanAfterTheEndAsync(operations));
        Assert.Equal([("account/signin", true)], _navigation.Visits);
    }

    [Fact]
    public async Task After_removal_from_the_organization_nothing_runs_and_the_page_reloads()
    {
        var person = await factory.SignUpPersonAsync();
        var operations = await OpenPageAsync(person);

        await factory.LeaveAsync(person, person.OrganizationId);

        Assert.False(await RanAfterTheEndAsync(operations));
        Assert.Equal([("", true)], _navigation.Visits);
    }

    [Fact]
    public async Task A_sign_in_of_a_person_who_no_longer_exists_goes_to_sign_in()
    {
        var person = await factory.SignUpPersonAsync();
        var principal = await factory.PrincipalAsync(person);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.RemoveClaim(identity.FindFirst(ClaimTypes.NameIdentifier));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()));

        Assert.False(await RanAfterTheEndAsync(Circuit(principal)));
        Assert.Equal([("account/signin", true)], _navigation.Visits);
    }
}
