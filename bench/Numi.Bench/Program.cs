using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Reports go to bench/BenchmarkDotNet.Artifacts (git-ignored) wherever the command is run from; --artifacts overrides.
if (args is ["funnel-analytics", ..])
{
    await Numi.Bench.FunnelAnalyticsRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}
if (args is ["pattern-analysis"])
{
    await Numi.Bench.PatternAnalysisRun.RunAsync();
    return;
}
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(BenchDirectory(), "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Numi.Bench.PricingBenchmarks).Assembly).Run(args, config);

static string BenchDirectory()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Numi.Bench.csproj")))
            return directory.Parent!.FullName;
    }
    return Directory.GetCurrentDirectory();
}
