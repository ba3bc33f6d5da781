namespace PhonePlatform.Core.Compliance;

/// <summary>
/// How long a workspace keeps each kind of data; null keeps it until the workspace is deleted. The retention job
/// deletes what is older (recordings and voicemail blobs by their creation, messages by theirs).
/// </summary>
public sealed class RetentionPolicy : ITenantScoped
{
    public const int MaxDays = 3650;
    public const int MaxMonths = 120;

    public Guid WorkspaceId { get; set; }
    public int? RecordingsDays { get; set; }
    public int? VoicemailDays { get; set; }
    public int? MessagesMonths { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Null when every value is unset or within 1..<see cref="MaxDays"/> days / 1..<see cref="MaxMonths"/> months.</summary>
    public static string? Validate(int? recordingsDays, int? voicemailDays, int? messagesMonths) =>
        recordingsDays is < 1 or > MaxDays ? $"recordingsDays must be 1..{MaxDays}."
        : voicemailDays is < 1 or > MaxDays ? $"voicemailDays must be 1..{MaxDays}."
        : messagesMonths is < 1 or > MaxMonths ? $"messagesMonths must be 1..{MaxMonths}."
        : null;
}
