using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Bench.Renewals;
using Numi.Core;
using Numi.Core.Jobs;
using Numi.Infrastructure;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;

// renewals seed  PROVIDER CONNECTION COUNT   a fresh organization with COUNT monthly subscriptions, all due now
// renewals sweep PROVIDER CONNECTION         one run of the renewal job, as one node makes it; prints its counts, time,
//                                            CPU and round trips (NUMI_BENCH_ONE_BY_ONE=1: without the batch path)
if (args.Length < 3 || args[0] is not ("seed" or "sweep"))
{
    Console.Error.WriteLine("usage: renewals seed PROVIDER CONNECTION COUNT | renewals sweep PROVIDER CONNECTION");
    return 2;
}
var (command, provider, connection) = (args[0], args[1], args[2]);
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["ConnectionStrings:Numi"] = connection,
    ["Numi:DataDirectory"] = Path.Combine(Path.GetTempPath(), "numi-bench-renewals"),
    ["Numi:Jobs:Enabled"] = "false",
}).Build();
var services = new ServiceCollection();
services.AddLogging();
services.AddSingleton(TimeProvider.System);
services.AddCore();
services.AddInfrastructure(configuration);
var roundTrips = new RoundTrips();
services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(roundTrips);
services.AddSingleton<Numi.Core.Common.IPublicLinks, BenchLinks>();
services.AddScoped<BenchTenant>();
services.AddScoped<Numi.Core.Common.ITenantContext>(sp => sp.GetRequiredService<BenchTenant>());
services.AddScoped<Numi.Core.Common.ITenantEntry>(sp => sp.GetRequiredService<BenchTenant>());
await using var provided = services.BuildServiceProvider();

var clock = Stopwatch.StartNew();
if (command == "seed")
{
    await provided.MigrateNumiDatabaseAsync();
    await using var scope = provided.CreateAsyncScope();
    var count = await DueSubscriptions.SeedAsync(scope.ServiceProvider.GetRequiredService<NumiDbContext>(), int.Parse(args[3]), DateTime.UtcNow);
    Console.WriteLine($"seeded {count} due subscriptions in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
}
await using (var scope = provided.CreateAsyncScope())
{
    var oneByOne = Environment.GetEnvironmentVariable("NUMI_BENCH_ONE_BY_ONE") == "1";
    var spec = oneByOne ? RenewSubscriptionsJob.Spec with { Batch = null } : RenewSubscriptionsJob.Spec;
    var (commands, ends) = (roundTrips.Commands, roundTrips.TransactionEnds);
    var run = await spec.RunOnceAsync(scope.ServiceProvider.GetRequiredService<BillingSweep>(), default);
    var process = Process.GetCurrentProcess();
    var trips = roundTrips.Commands - commands + roundTrips.TransactionEnds - ends;
    Console.WriteLine($"{run.Node}{(oneByOne ? " (one by one)" : "")}: examined {run.Examined}, renewed {run.Succeeded}, failed {run.Failed}, " +
                      $"skipped {run.Skipped} in {clock.Elapsed.TotalSeconds:F1} s; CPU {process.UserProcessorTime.TotalSeconds:F1} s user + " +
                      $"{process.PrivilegedProcessorTime.TotalSeconds:F1} s system{ThreadCpu.Split()}; {trips} round trips " +
                      $"({roundTrips.Commands - commands} commands, {roundTrips.TransactionEnds - ends} commits), " +
                      $"{(double)trips / Math.Max(1, run.Succeeded):F2} per renewal");
    if (run.Failed > 0) Console.Error.WriteLine($"failures (the first {JobRun.MaxFailuresKept} kept): {run.Failures[..Math.Min(run.Failures.Length, 2000)]}");
    return run.Failed == 0 ? 0 : 1;
}
