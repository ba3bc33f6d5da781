using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Calls;

/// <summary>A message left on a workspace number. The audio is an encrypted WAV in the blob store under <see cref="BlobName"/>.</summary>
public sealed class Voicemail : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public Guid? CallRecordId { get; set; }

    public Guid? PhoneNumberId { get; set; }

    public required string Number { get; set; }

    public EncryptedText? CallerNumber { get; set; }

    [BlindIndexOf(nameof(CallerNumber), BlindIndexKind.PhoneNumber)]
    public byte[]? CallerNumberIndex { get; set; }

    public required string BlobName { get; set; }

    public TimeSpan Duration { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ListenedAt { get; set; }
}
