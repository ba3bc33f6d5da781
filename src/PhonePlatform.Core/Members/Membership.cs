namespace PhonePlatform.Core.Members;

/// <summary>A user's place in a workspace: their role and whether they hold the billing capability.</summary>
public sealed class Membership : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public Role Role { get; set; }
    public bool Billing { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
