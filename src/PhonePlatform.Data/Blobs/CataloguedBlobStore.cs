using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Blobs.Internal;

namespace PhonePlatform.Data.Blobs;

/// <summary>
/// <see cref="IWorkspaceBlobs"/> over <see cref="EncryptedBlobStore"/> and the <see cref="StoredBlob"/> catalogue.
/// The blob is written first and catalogued after, so a crash in between leaves an uncatalogued blob under the
/// workspace's prefix (still removed by the purge), never a catalogue entry without a blob.
/// </summary>
public sealed class CataloguedBlobStore(EncryptedBlobStore blobs, IServiceScopeFactory scopes, TimeProvider time) : IWorkspaceBlobs
{
    public async Task<long> StoreAsync(Guid workspaceId, BlobKind kind, string name, Stream plaintext, CancellationToken cancellationToken = default)
    {
        var counting = new CountingReadStream(plaintext);
        await blobs.PutAsync(workspaceId, name, counting, cancellationToken);
        var version = await blobs.GetKeyVersionAsync(workspaceId, name, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var entry = await db.StoredBlobs.SingleOrDefaultAsync(b => b.Name == name, cancellationToken);
        if (entry is null)
        {
            entry = new StoredBlob { Name = name, CreatedAt = time.GetUtcNow() };
            db.StoredBlobs.Add(entry);
        }

        (entry.Kind, entry.KeyVersion, entry.Size) = (kind, version, counting.Count);
        await db.SaveChangesAsync(cancellationToken);
        return counting.Count;
    }

    public Task<Stream> OpenReadAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default) =>
        blobs.OpenReadAsync(workspaceId, name, cancellationToken);

    public async Task DeleteAsync(Guid workspaceId, string name, CancellationToken cancellationToken = default)
    {
        await blobs.DeleteAsync(workspaceId, name, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        await db.StoredBlobs.Where(b => b.Name == name).ExecuteDeleteAsync(cancellationToken);
    }

    public override string ToString() => $"CataloguedBlobStore({blobs})";
}
