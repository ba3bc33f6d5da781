using PhonePlatform.Core.Permissions;

namespace PhonePlatform.Core.ApiKeys;

/// <summary>
/// A workspace-scoped credential for machines. The token is shown once at creation; only its
/// lookup prefix and SHA-256 hash are stored.
/// </summary>
public sealed class ApiKey : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public Permission Permissions { get; set; }
    public Guid CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
