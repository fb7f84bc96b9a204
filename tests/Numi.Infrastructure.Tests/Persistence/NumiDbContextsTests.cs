using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Checkout;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

public sealed class NumiDbContextsTests
{
    /// <summary>Every request has a context of its own, built from options made once (not per request), which still run
    /// each request's queries inside the database configured.</summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_scope_gets_its_own_context_from_options_built_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var services = new ServiceCollection();
        services.AddNumiDbContext(database.Options);
        await using var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var first = sp.CreateAsyncScope();
        await using var second = sp.CreateAsyncScope();
        var (a, b) = (first.ServiceProvider.GetRequiredService<NumiDbContext>(), second.ServiceProvider.GetRequiredService<NumiDbContext>());

        Assert.NotSame(a, b);
        Assert.Same(a.GetService<IDbContextOptions>(), b.GetService<IDbContextOptions>());
        Assert.Equal(0, await a.CheckoutSessions.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await b.Set<CheckoutSession>().IgnoreQueryFilters().CountAsync());
    }
}
