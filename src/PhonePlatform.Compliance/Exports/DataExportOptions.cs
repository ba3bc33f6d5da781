namespace PhonePlatform.Compliance.Exports;

/// <summary>Section <c>Compliance:Exports</c>.</summary>
public sealed class DataExportOptions
{
    /// <summary>How long a built export stays downloadable before the jobs role deletes it.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the jobs role looks for queued exports and expired ones.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A running export whose builder has not reported for this long is taken over by another.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Builds attempted before an export is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;
}
