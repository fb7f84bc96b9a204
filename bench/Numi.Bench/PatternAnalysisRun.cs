using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core;
using Numi.Core.Common;
using Numi.Core.Tenancy;
using Numi.Infrastructure;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;

namespace Numi.Bench;

/// <summary>The nightly pattern analysis (<see cref="AnalysePaymentPatternsJob"/>, wired as the app wires it) over a
/// SQLite database of 10,000 customers with 10 past payments each: a checkout order and 9 renewal invoices, one in
/// five failed, each customer paying on a day and hour of their own. Rows are inserted by SQL with the columns the
/// analysis reads set truly and the others filled (foreign keys off while seeding). Times two nights: the first stores
/// 10,000 patterns, the second finds them unchanged.</summary>
internal static class PatternAnalysisRun
{
    private const int Customers = 10_000;
    private const int PaymentsEach = 10;

    internal sealed class Tenant : ITenantContext, ITenantEntry
    {
        public Guid? OrganizationId { get; private set; }

        public void Enter(Guid organizationId, string name, string slug) => OrganizationId = organizationId;
    }

    public static async Task RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("numi-patterns-");
        var file = Path.Combine(folder.FullName, "numi.db");
        await using var provider = Services(folder, file);
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<NumiDbContext>().Database.MigrateAsync();

        var seeding = Stopwatch.StartNew();
        await SeedAsync($"Data Source={file}");
        Console.WriteLine($"seeded {Customers:N0} customers x {PaymentsEach} payments in {seeding.Elapsed.TotalSeconds:F1} s");
        for (var night = 1; night <= 2; night++)
        {
            await using var scope = provider.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredService<AnalysePaymentPatternsJob>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var run = await job.RunOnceAsync(default);
            // CPU time too: on a shared machine the wall clock says more about the neighbours than about the job.
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"night {night}: {watch.Elapsed.TotalSeconds:F2} s ({cpu.TotalSeconds:F2} s of CPU), {run.Examined:N0} customers, "
                + $"{run.Succeeded:N0} stored, {run.Skipped:N0} unchanged, {run.Failed} failed");
        }
        folder.Delete(recursive: true);
    }

    /// <summary>Numi's Core and Infrastructure over the SQLite file <paramref name="file"/>, jobs off, with a tenant the
    /// run enters by hand.</summary>
    internal static ServiceProvider Services(DirectoryInfo folder, string file)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Numi"] = $"Data Source={file}",
            ["Numi:DataDirectory"] = folder.FullName,
            ["Numi:Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddCore();
        services.AddInfrastructure(configuration);
        services.AddScoped<Tenant>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<Tenant>());
        services.AddScoped<ITenantEntry>(sp => sp.GetRequiredService<Tenant>());
        return services.BuildServiceProvider();
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var off = connection.CreateCommand())
        {
            off.CommandText = "PRAGMA foreign_keys = OFF";
            await off.ExecuteNonQueryAsync();
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var organization = Guid.CreateVersion7();
        var insertOrganization = await InsertAsync(connection, transaction, "organizations", "Id", "Name", "Slug");
        Set(insertOrganization, organization, "Bench Inc", "bench");
        await insertOrganization.ExecuteNonQueryAsync();
        var customer = await InsertAsync(connection, transaction, "customers", "Id", "OrganizationId", "Email", "EmailKey", "CreatedAt");
        var order = await InsertAsync(connection, transaction, "orders", "Id", "OrganizationId", "CustomerId", "CheckoutSessionId", "PaymentIntentId", "Number", "CreatedAt");
        var subscription = await InsertAsync(connection, transaction, "subscriptions", "Id", "OrganizationId", "CustomerId", "OrderId", "OrderLineId", "PriceId",
            "CreatedAt");
        var invoice = await InsertAsync(connection, transaction, "invoices", "Id", "OrganizationId", "CustomerId", "SubscriptionId", "Number", "PeriodStart",
            "CreatedAt", "PaidAt", "LastAttemptAt");
        var random = new Random(13);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var invoiceNumber = 0;
        for (var c = 0; c < Customers; c++)
        {
            var (customerId, orderId, subscriptionId) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
            var (day, hour) = (random.Next(1, 29), random.Next(0, 24));
            Set(customer, customerId, organization, $"c{c}@bench.example", $"c{c}@bench.example", Stamp(start));
            await customer.ExecuteNonQueryAsync();
            var first = start.AddDays(day - 1).AddHours(hour);
            Set(order, orderId, organization, customerId, Guid.CreateVersion7(), $"pi_{c}", c + 1, Stamp(first));
            await order.ExecuteNonQueryAsync();
            Set(subscription, subscriptionId, organization, customerId, orderId, Guid.CreateVersion7(), Guid.CreateVersion7(), Stamp(first));
            await subscription.ExecuteNonQueryAsync();
            for (var month = 1; month < PaymentsEach; month++)
            {
                var at = first.AddMonths(month);
                var paid = random.Next(5) != 0;
                Set(invoice, Guid.CreateVersion7(), organization, customerId, subscriptionId, ++invoiceNumber, Stamp(at), Stamp(at),
                    paid ? Stamp(at) : DBNull.Value, Stamp(at));
                await invoice.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    /// <summary>An insert that sets <paramref name="columns"/> (as parameters, in order) and fills every other column
    /// the table requires with a zero or an empty text.</summary>
    internal static async Task<SqliteCommand> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var filled = new List<(string Name, string Value)>();
        await using (var info = connection.CreateCommand())
        {
            info.Transaction = transaction;
            info.CommandText = $"SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (columns.Contains(name) || reader.GetInt64(2) == 0 || !reader.IsDBNull(3)) continue;
                filled.Add((name, reader.GetString(1) is "INTEGER" or "REAL" ? "0" : "''"));
            }
        }
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = columns.Concat(filled.Select(f => f.Name)).Select(n => $"\"{n}\"");
        var values = columns.Select((_, i) => $"$p{i}").Concat(filled.Select(f => f.Value));
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})";
        for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        return command;
    }

    internal static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] is Guid id ? id.ToString().ToUpperInvariant() : values[i];
    }

    /// <summary>A UTC time as EF Core's SQLite provider stores it.</summary>
    internal static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
