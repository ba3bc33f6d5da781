using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Contacts;

/// <summary>One e-mail address of a contact, encrypted, found through its blind index.</summary>
public sealed class ContactEmail : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid ContactId { get; set; }
    public required EncryptedText Address { get; set; }

    [BlindIndexOf(nameof(Address), BlindIndexKind.Email)]
    public byte[]? AddressIndex { get; set; }
}
