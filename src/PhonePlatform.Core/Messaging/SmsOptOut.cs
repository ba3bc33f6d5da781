using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Messaging;

/// <summary>An outside number that sent STOP (or an equivalent) to a workspace number; sends to it are refused.</summary>
public sealed class SmsOptOut : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid PhoneNumberId { get; set; }
    public required EncryptedText Participant { get; set; }

    [BlindIndexOf(nameof(Participant), BlindIndexKind.PhoneNumber)]
    public byte[]? ParticipantIndex { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
