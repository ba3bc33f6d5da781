namespace PhonePlatform.Core.Identity;

/// <summary>A person who signs in. Users are global; what they may do comes from their memberships.</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Lower-cased, trimmed e-mail address; unique.</summary>
    public required string Email { get; set; }

    /// <summary>PHC-formatted Argon2id hash (see <see cref="PasswordHasher"/>).</summary>
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public int FailedLoginCount { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// TOTP shared secret (RFC 6238). Pending until <see cref="TwoFactorEnabled"/> is set by a confirmed code.
    /// Seam for the crypto library: this column is the first to be encrypted with the workspace key.
    /// </summary>
    public byte[]? TotpSecret { get; set; }
    public bool TwoFactorEnabled { get; set; }

    /// <summary>RFC 6238 time step of the last accepted code; a code is accepted at most once.</summary>
    public long TotpLastUsedStep { get; set; }
}
