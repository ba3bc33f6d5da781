namespace PhonePlatform.Crypto;

/// <summary>
/// A synchronous operation needed a key that is not in the cache. Use the async overload, or
/// <see cref="WorkspaceKeyring.WarmAsync"/> first.
/// </summary>
public sealed class KeyNotCachedException : InvalidOperationException
{
    public KeyNotCachedException()
        : base("The key is not cached; use the async overload or WorkspaceKeyring.WarmAsync first.")
    {
    }

    public KeyNotCachedException(string message)
        : base(message)
    {
    }

    public KeyNotCachedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
