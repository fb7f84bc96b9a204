namespace Numi.Core.Jobs;

/// <summary>What one run of a job did: how many items it looked at, how many succeeded and failed, each failure with
/// its reason (JSON text: <c>[{"id":"sub_…","reason":"…"}]</c>), and the node that ran it. Platform-wide, not owned by
/// an organization: one run works for all of them.</summary>
public sealed class JobRun
{
    public const int MaxFailuresKept = 100;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string JobName { get; private set; } = "";
    public string Node { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public int Examined { get; private set; }
    public int Succeeded { get; private set; }
    public int Failed { get; private set; }
    /// <summary>Items looked at that needed nothing (another runner had them, or they were no longer due).</summary>
    public int Skipped { get; private set; }
    public string Failures { get; private set; } = "[]";

    private JobRun() { }

    /// <summary>A run on this node, named <c>machine:pid</c>.</summary>
    public static JobRun Start(string jobName, DateTime now) =>
        new() { JobName = jobName, Node = $"{Environment.MachineName}:{Environment.ProcessId}", StartedAt = now };

    public void Finish(int examined, int succeeded, int failed, int skipped, string failuresJson, DateTime now)
    {
        Examined = examined;
        Succeeded = succeeded;
        Failed = failed;
        Skipped = skipped;
        Failures = failuresJson;
        FinishedAt = now;
    }
}
