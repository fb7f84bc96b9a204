using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.DataProtection;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.DataProtection;

public sealed class DatabaseXmlRepositoryTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stored_elements_are_read_back_by_another_repository(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var services = new ServiceCollection();
        services.AddNumiDbContext(database.Options);
        await using var sp = services.BuildServiceProvider();
        var scopes = sp.GetRequiredService<IServiceScopeFactory>();

        var first = new XElement("key", new XAttribute("id", "k1"), new XElement("secret", "abc <&> def"));
        var second = new XElement("key", new XAttribute("id", "k2"), new XElement("secret", "ghi"));
        Assert.Empty(new DatabaseXmlRepository(scopes).GetAllElements());

        var writer = new DatabaseXmlRepository(scopes);
        writer.StoreElement(first, "key-k1");
        writer.StoreElement(second, "key-k2");

        var read = new DatabaseXmlRepository(scopes).GetAllElements()
            .Select(e => e.ToString(SaveOptions.DisableFormatting)).Order().ToList();
        Assert.Equal(
            new[] { first, second }.Select(e => e.ToString(SaveOptions.DisableFormatting)).Order().ToList(),
            read);

        await using var db = database.CreateContext();
        Assert.Equal(["key-k1", "key-k2"], db.DataProtectionKeys.Select(k => k.FriendlyName!).AsEnumerable().Order());
    }
}
