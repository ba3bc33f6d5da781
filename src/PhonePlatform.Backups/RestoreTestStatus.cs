namespace PhonePlatform.Backups;

/// <summary>The last restore test of this process, for readiness details (no check details: those go to the logs).</summary>
public sealed class RestoreTestStatus
{
    private RestoreTestResult? last;

    public RestoreTestResult? Last => Volatile.Read(ref last);

    public void Record(RestoreTestResult result) => Volatile.Write(ref last, result);
}
