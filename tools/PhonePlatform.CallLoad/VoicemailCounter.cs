using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Voicemail;

namespace PhonePlatform.CallLoad;

/// <summary>
/// Voicemail blobs go through the real encrypted store (the database catalogue is left out, as the directories are);
/// the records are only counted.
/// </summary>
internal sealed class VoicemailCounter(EncryptedBlobStore store) : IVoicemailRepository, IWorkspaceBlobs
{
    private long stored;

    public long Stored => Interlocked.Read(ref stored);

    public Task AddAsync(VoicemailMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref stored);
        return Task.CompletedTask;
    }

    public async Task<long> StoreAsync(Guid workspaceId, BlobKind kind, string name, Stream plaintext, CancellationToken cancellationToken = default)
    {
        await store.PutAsync(workspaceId, name, plaintext, cancellationToken);
        return 0;
    }

    public Task<Stream> OpenReadAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default) =>
        store.OpenReadAsync(workspaceId, name, cancellationToken);

    public Task DeleteAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(workspaceId, name, cancellationToken);
}
