using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>Card numbers and CVCs are never stored or logged: after real test-card checkouts (a decline and a success),
/// neither the database file nor any log line, at any level, contains them.</summary>
public sealed class CardDataTests
{
    /// <summary>Logs every level, so a card number written at Trace would be seen too.</summary>
    internal sealed class RecordingFactory : NumiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        }
    }

    private const string Cvc = "7319";

    [Fact]
    public async Task Test_card_checkouts_leave_no_card_number_or_cvc_in_the_database_or_the_logs()
    {
        await using var app = new RecordingFactory();
        using var shop = await CheckoutShop.CreateAsync(app);
        using var shopper = app.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);

        using (var declined = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment(card: CheckoutSteps.Declined, cvc: Cvc))) { }
        using (var paid = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment(card: CheckoutSteps.Visa, cvc: Cvc)))
            Assert.Equal(System.Net.HttpStatusCode.Redirect, paid.StatusCode);
        var orders = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Orders)));
        Assert.Equal(1, orders);

        AssertNotStoredOrLogged(app, ["4242424242424242", "4242 4242 4242 4242", "4000000000000002", "4000 0000 0000 0002"], Cvc);
    }

    /// <summary>Neither the database (every file of the app's data folder) nor any log line holds the card
    /// <paramref name="numbers"/> or the <paramref name="cvc"/>.</summary>
    internal static void AssertNotStoredOrLogged(NumiFactory app, IEnumerable<string> numbers, string cvc)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var stored = string.Concat(Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(file => Encoding.Latin1.GetString(ReadShared(file))));
        var logged = string.Join('\n', app.Logs.Lines);
        Assert.NotEmpty(app.Logs.Entries);
        foreach (var number in numbers)
        {
            Assert.DoesNotContain(number, logged);
            Assert.DoesNotContain(number, stored);
        }
        // The CVC as a number on its own: four digits also occur inside ids, hashes and keys, which are not it; a
        // version-7 Guid's third group is "7" and three hex digits, so "-7319-" is an id's group, never a CVC.
        var pattern = new System.Text.RegularExpressions.Regex($"(?<![0-9A-Za-z+/-]){cvc}(?![0-9A-Za-z+/=-])");
        Assert.DoesNotMatch(pattern, logged);
        Assert.DoesNotMatch(pattern, stored);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
