using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Messaging;

/// <summary>
/// The thread between one workspace number and one outside party. The party's number is protected; the conversation
/// is found by it through the blind index, never by plaintext.
/// </summary>
public sealed class Conversation : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid PhoneNumberId { get; set; }
    public required EncryptedText Participant { get; set; }

    [BlindIndexOf(nameof(Participant), BlindIndexKind.PhoneNumber)]
    public byte[]? ParticipantIndex { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
}
