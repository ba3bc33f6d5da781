namespace PhonePlatform.Crypto;

/// <summary>Options of the workspace key cache.</summary>
public sealed class WorkspaceKeyringOptions
{
    /// <summary>
    /// How long an unwrapped key stays in memory after it was unwrapped (absolute, not sliding); it is zeroed when
    /// evicted. Also bounds how long another process may keep writing under a version this process rotated away.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
