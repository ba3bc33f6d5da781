namespace PhonePlatform.Core.Calls;

/// <summary>How inbound calls to one workspace number are handled. A number without a row uses the defaults.</summary>
public sealed class NumberCallSettings : ITenantScoped
{
    public const int DefaultRingTimeoutSeconds = 25;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public Guid PhoneNumberId { get; set; }

    /// <summary>When members' devices ring; null: always (calls outside go to voicemail).</summary>
    public BusinessHours? BusinessHours { get; set; }

    /// <summary>How long devices ring before the call goes to voicemail.</summary>
    public int RingTimeoutSeconds { get; set; } = DefaultRingTimeoutSeconds;

    public RecordingPolicy RecordingPolicy { get; set; }

    /// <summary>Play "this call is recorded" to both parties when a recording starts.</summary>
    public bool RecordingAnnouncement { get; set; } = true;

    /// <summary>Blob of the number's voicemail greeting (8 kHz mono 16-bit PCM WAV); null: the default beeps.</summary>
    public string? GreetingBlobName { get; set; }

    /// <summary>Digit menu played before ringing; empty: ring the number's members directly.</summary>
    public List<MenuOption> Menu { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
