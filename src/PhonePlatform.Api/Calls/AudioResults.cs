using Microsoft.Net.Http.Headers;
using PhonePlatform.Api.Problems;
using PhonePlatform.Crypto;

namespace PhonePlatform.Api.Calls;

/// <summary>
/// Streams a stored WAV decrypted on the fly with HTTP range requests (RFC 9110 §14): <c>Accept-Ranges: bytes</c>,
/// 206 with <c>Content-Range</c> for one satisfiable range, 416 for an unsatisfiable one, and <c>If-Range</c> against a
/// strong ETag (audio blobs are never rewritten, so the record id is a valid strong validator).
/// </summary>
internal static class AudioResults
{
    public const string ContentType = "audio/wav";

    public static async Task<IResult> WavAsync(
        EncryptedBlobStore blobs, Guid workspaceId, Guid recordId, string blobName, DateTimeOffset created, CancellationToken cancellationToken)
    {
        long length;
        try
        {
            length = await blobs.GetLengthAsync(workspaceId, blobName, cancellationToken);
        }
        catch (BlobNotFoundException)
        {
            return Failure.NotFound("The audio").ToResult();
        }

        var stream = new DecryptedBlobStream(blobs, workspaceId, blobName, length);
        return TypedResults.Stream(
            stream,
            ContentType,
            lastModified: created,
            entityTag: new EntityTagHeaderValue($"\"{recordId:N}\""),
            enableRangeProcessing: true);
    }
}
