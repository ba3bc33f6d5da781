namespace PhonePlatform.Core.Calls;

/// <summary>A recording of a call (stereo WAV, both directions), encrypted in the blob store under <see cref="BlobName"/>.</summary>
public sealed class CallRecording : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public Guid CallRecordId { get; set; }

    public required string BlobName { get; set; }

    public TimeSpan Duration { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
