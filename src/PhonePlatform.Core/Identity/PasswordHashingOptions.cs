namespace PhonePlatform.Core.Identity;

/// <summary>
/// Argon2id cost (RFC 9106). The default follows RFC 9106 §4's second recommended option scaled to
/// a server: 64 MiB, 3 passes. Tests lower it through configuration only.
/// </summary>
public sealed class PasswordHashingOptions
{
    public int MemoryKiB { get; set; } = 64 * 1024;
    public int Iterations { get; set; } = 3;
    public int Parallelism { get; set; } = 1;
}
