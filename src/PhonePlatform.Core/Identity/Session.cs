namespace PhonePlatform.Core.Identity;

/// <summary>
/// A signed-in user acting in one workspace. The bearer token is opaque and random; only its SHA-256 hash is stored.
/// </summary>
public sealed class Session : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Until when a fresh password + TOTP re-authentication allows sensitive operations.</summary>
    public DateTimeOffset? StepUpUntil { get; set; }
}
