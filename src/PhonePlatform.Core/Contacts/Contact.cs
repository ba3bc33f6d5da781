using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Contacts;

/// <summary>An address-book entry of a workspace. Every personal field is protected (encrypted at rest).</summary>
public sealed class Contact : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required EncryptedText Name { get; set; }
    public EncryptedText? Company { get; set; }
    public EncryptedText? Notes { get; set; }
    public List<ContactPhone> Phones { get; } = [];
    public List<ContactEmail> Emails { get; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
