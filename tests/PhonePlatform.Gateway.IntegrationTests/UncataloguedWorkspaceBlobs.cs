using PhonePlatform.Crypto;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>The real encrypted store without the PostgreSQL catalogue (the gateway harness has no database).</summary>
internal sealed class UncataloguedWorkspaceBlobs(EncryptedBlobStore store) : IWorkspaceBlobs
{
    public async Task<long> StoreAsync(Guid workspaceId, BlobKind kind, string name, Stream plaintext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var start = plaintext.CanSeek ? plaintext.Position : 0;
        await store.PutAsync(workspaceId, name, plaintext, cancellationToken);
        return plaintext.CanSeek ? plaintext.Position - start : 0;
    }

    public Task<Stream> OpenReadAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default) =>
        store.OpenReadAsync(workspaceId, name, cancellationToken);

    public Task DeleteAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(workspaceId, name, cancellationToken);
}
