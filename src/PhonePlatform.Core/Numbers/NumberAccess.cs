namespace PhonePlatform.Core.Numbers;

/// <summary>A grant of one number to one member. Owners and admins reach every number without grants.</summary>
public sealed class NumberAccess : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid PhoneNumberId { get; set; }
    public Guid MembershipId { get; set; }
    public NumberAccessLevel Level { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
