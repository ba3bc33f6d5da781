namespace PhonePlatform.Core.Identity;

/// <summary>A single-use recovery code for a user who lost their authenticator; stored as a SHA-256 hash.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
