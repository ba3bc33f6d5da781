namespace PhonePlatform.Compliance;

/// <summary>Section <c>Compliance</c>.</summary>
public sealed class ComplianceOptions
{
    /// <summary>How long a cancelled workspace is kept (read-only) before the retention job deletes it.</summary>
    public TimeSpan CancellationRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention job looks for due work.</summary>
    public TimeSpan RetentionJobInterval { get; set; } = TimeSpan.FromMinutes(15);
}
