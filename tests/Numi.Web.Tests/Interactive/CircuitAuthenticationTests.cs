using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Numi.Web.Interactive;
using Numi.Web.Tenancy;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

[Collection(AppCollection.Name)]
public sealed class CircuitAuthenticationTests(NumiFactory factory)
{
    /// <summary>Well under <see cref="CircuitAuthentication.Interval"/>: within it, only the signal can have caused a check.</summary>
    private static readonly TimeSpan Promptly = CircuitAuthentication.Interval / 2;

    private AccessSignals Signals => factory.Services.GetRequiredService<AccessSignals>();

    private static async Task SignInAsync(CircuitAuthentication circuit, NumiFactory factory, CircuitPerson person) =>
        circuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(await factory.PrincipalAsync(person))));

    /// <summary>Completes when the circuit's state turns anonymous.</summary>
    private static Task SignedOut(CircuitAuthentication circuit)
    {
        var signedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.AuthenticationStateChanged += async state =>
        {
            if ((await state).User.Identity?.IsAuthenticated != true) signedOut.TrySetResult();
        };
        return signedOut.Task;
    }

    private static async Task<bool> IsSignedInAsync(CircuitAuthentication circuit) =>
        (await circuit.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    [Fact]
    public async Task A_signal_after_signing_out_elsewhere_ends_the_circuits_sign_in_at_once()
    {
        var person = await factory.SignUpPersonAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var circuit = Assert.IsType<CircuitAuthentication>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        var signedOut = SignedOut(circuit);
        await SignInAsync(circuit, factory, person);

        await factory.RotateSecurityStampAsync(person);
        Signals.Changed(person.UserId);

        await signedOut.WaitAsync(Promptly);
        Assert.False(await IsSignedInAsync(circuit));
        Assert.Equal("account/signin?signedOut=true", circuit.ReloadTo);
    }

    [Fact]
    public async Task A_switch_to_another_organization_sends_the_circuit_to_it()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.CreateOrganizationAsync();
        await factory.JoinAsync(person, other);
        await using var scope = factory.Services.CreateAsyncScope();
        var circuit = Assert.IsType<CircuitAuthentication>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        var signedOut = SignedOut(circuit);
        await SignInAsync(circuit, factory, person);

        // The switch signals by itself.
        Assert.True(await factory.SwitchOrganizationAsync(person, other));

        await signedOut.WaitAsync(Promptly);
        Assert.False(await IsSignedInAsync(circuit));
        Assert.Equal("", circuit.ReloadTo);
    }

    [Fact]
    public async Task A_signal_without_a_change_keeps_the_person_signed_in_and_the_circuit_listening()
    {
        var person = await factory.SignUpPersonAsync();
        var checks = new ObservedScopes(factory.Services.GetRequiredService<IServiceScopeFactory>());
        await using var scope = factory.Services.CreateAsyncScope();
        // Built by hand only to observe its checks; everything else comes from the app's container.
        using var circuit = ActivatorUtilities.CreateInstance<CircuitAuthentication>(scope.ServiceProvider, checks);
        var changes = 0;
        circuit.AuthenticationStateChanged += _ => Interlocked.Increment(ref changes);
        await SignInAsync(circuit, factory, person);

        Signals.Changed(person.UserId);
        Assert.True(await checks.NextEndedAsync(Promptly), "The signal did not make the circuit check.");
        // A second check only happens if the first one let the circuit go on listening.
        Signals.Changed(person.UserId);
        Assert.True(await checks.NextEndedAsync(Promptly), "The circuit stopped listening after a check that found nothing.");

        Assert.True(await IsSignedInAsync(circuit));
        Assert.Equal(1, changes);

        var signedOut = SignedOut(circuit);
        await factory.RotateSecurityStampAsync(person);
        Signals.Changed(person.UserId);
        await signedOut.WaitAsync(Promptly);
        Assert.Equal("account/signin?signedOut=true", circuit.ReloadTo);
    }
}
