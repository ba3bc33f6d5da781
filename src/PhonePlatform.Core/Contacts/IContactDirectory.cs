namespace PhonePlatform.Core.Contacts;

/// <summary>Caller-name lookup for calls and messages: finds a workspace's contact by one of its numbers.</summary>
public interface IContactDirectory
{
    /// <summary>The contact holding <paramref name="e164"/> in the workspace, or null (also for a non-E.164 input).</summary>
    Task<ContactMatch?> FindByNumberAsync(Guid workspaceId, string e164, CancellationToken cancellationToken = default);
}

/// <summary>A directory hit: the contact's id and decrypted display name.</summary>
public sealed record ContactMatch(Guid ContactId, string Name);
