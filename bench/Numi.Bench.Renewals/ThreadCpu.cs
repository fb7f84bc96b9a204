namespace Numi.Bench.Renewals;

/// <summary>This process's CPU by thread kind, from Linux's <c>/proc/self/task</c>: the runtime's tiered compilation
/// thread (methods compiled again, optimized, once they are hot), the main thread (start-up: services, EF Core's model,
/// the first compilations) and the rest (the sweep's own work on the thread pool, with the first compilation of each
/// method it calls). Empty where there is no <c>/proc</c>.</summary>
internal static class ThreadCpu
{
    public static string Split()
    {
        if (!Directory.Exists("/proc/self/task")) return "";
        var (tiering, main, rest) = (0.0, 0.0, 0.0);
        var tick = 100.0; // USER_HZ, 100 on Linux
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var seconds = (long.Parse(fields[11]) + long.Parse(fields[12])) / tick;
                if (name.StartsWith(".NET Tiered", StringComparison.Ordinal)) tiering += seconds;
                else if (Path.GetFileName(task) == Environment.ProcessId.ToString()) main += seconds;
                else rest += seconds;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return $" (tiered compilation {tiering:F1} s, main thread {main:F1} s, others {rest:F1} s; ended threads not counted)";
    }
}
