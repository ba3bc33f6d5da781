using System.IO.Compression;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PhonePlatform.Crypto;

namespace PhonePlatform.Compliance.Exports.Internal;

/// <summary>
/// Streams a ZIP into the encrypted blob store: the entries are written into a pipe (paused at 1 MiB unread) that
/// <see cref="IWorkspaceBlobs.StoreAsync"/> consumes as it encrypts, so neither the ZIP nor an entry is ever held whole.
/// </summary>
internal static class ArchiveWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<long> StoreAsync(
        IWorkspaceBlobs blobs, Guid workspaceId, string blobName, Func<ZipArchive, Task> writeEntries, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await using (var output = pipe.Writer.AsStream(leaveOpen: true))
                    {
                        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
                        await writeEntries(zip);
                    }

                    await pipe.Writer.CompleteAsync();
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e);
                    throw;
                }
            },
            cancellationToken);
        try
        {
            await using var input = pipe.Reader.AsStream();
            return await blobs.StoreAsync(workspaceId, BlobKind.Export, blobName, input, cancellationToken);
        }
        finally
        {
            await producer;
        }
    }

    /// <summary>Writes <paramref name="value"/> (rows of an <see cref="IAsyncEnumerable{T}"/> are serialised as they come) as one JSON entry.</summary>
    public static async Task WriteJsonAsync<T>(ZipArchive zip, string name, T value, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var target = entry.Open();
        await JsonSerializer.SerializeAsync(target, value, Json, cancellationToken);
    }

    /// <summary>Copies a decrypted blob into a ZIP entry of the same name.</summary>
    public static async Task CopyBlobAsync(ZipArchive zip, IWorkspaceBlobs blobs, Guid workspaceId, string name, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using var target = entry.Open();
        await using var source = await blobs.OpenReadAsync(workspaceId, name, cancellationToken);
        await source.CopyToAsync(target, cancellationToken);
    }

    // Decrypted values appear on materialisation, so protected entities are mapped after loading, one at a time.
    public static async IAsyncEnumerable<TOut> Map<TIn, TOut>(
        IQueryable<TIn> query, Func<TIn, TOut> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsAsyncEnumerable(query).WithCancellation(cancellationToken))
        {
            yield return map(item);
        }
    }

    public static IAsyncEnumerable<T> Rows<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        Map(query, row => row, cancellationToken);
}
