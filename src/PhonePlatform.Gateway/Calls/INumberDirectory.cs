namespace PhonePlatform.Gateway.Calls;

/// <summary>Port: resolves a dialed E.164 number to the workspace that owns it (null: not ours), and callers to names.</summary>
public interface INumberDirectory
{
    Task<NumberRoute?> FindAsync(string e164Number, CancellationToken cancellationToken);

    /// <summary>The caller's name from the workspace's contacts (shown to the callee), or null.</summary>
    Task<string?> FindCallerNameAsync(Guid workspaceId, string callerE164, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
