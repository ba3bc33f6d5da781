using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Contacts;

/// <summary>One phone number of a contact (E.164), encrypted, found through its blind index.</summary>
public sealed class ContactPhone : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid ContactId { get; set; }
    public required EncryptedText Number { get; set; }

    [BlindIndexOf(nameof(Number), BlindIndexKind.PhoneNumber)]
    public byte[]? NumberIndex { get; set; }
}
