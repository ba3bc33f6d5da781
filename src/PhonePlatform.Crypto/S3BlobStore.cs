using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// Blobs in an S3 bucket (AWS or any S3-compatible server). Streams of unknown length are uploaded in parts of
/// <see cref="S3BlobStoreOptions.PartSize"/> (one part buffered at a time); a blob that fits in one part is a single
/// PUT. S3 replaces objects atomically, so readers never see a partial blob. Parts are sent with a plain signed
/// payload rather than aws-chunked encoding (the part is in memory anyway), which S3-compatible servers also accept.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    /// <summary>S3's minimum part size for every part but the last.</summary>
    public const int MinPartSize = 5 * 1024 * 1024;

    private readonly IAmazonS3 client;
    private readonly string bucket;
    private readonly int partSize;
    private readonly bool ownsClient;

    public S3BlobStore(S3BlobStoreOptions options)
        : this(CreateClient(options), options.Bucket, options.PartSize, ownsClient: true)
    {
    }

    /// <summary>Uses a client the caller configured (and disposes).</summary>
    public S3BlobStore(IAmazonS3 client, string bucket, int partSize = 8 * 1024 * 1024)
        : this(client, bucket, partSize, ownsClient: false)
    {
    }

    private S3BlobStore(IAmazonS3 client, string bucket, int partSize, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentOutOfRangeException.ThrowIfLessThan(partSize, MinPartSize);
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
        this.ownsClient = ownsClient;
    }

    /// <summary>Keys per list request (S3's maximum is 1000); smaller in tests to exercise paging.</summary>
    internal int ListPageSize { get; init; } = 1000;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKeyRules.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var length = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancellationToken);
            if (length < partSize)
            {
                await PutSingleAsync(key, buffer, length, cancellationToken);
                return;
            }

            await PutMultipartAsync(key, content, buffer, length, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKeyRules.Validate(key);
        try
        {
            var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            return new ResponseOwningStream(response);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException($"Blob '{key}' not found.", ex);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKeyRules.Validate(key);
        try
        {
            await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKeyRules.Validate(key);
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobKeyRules.ValidatePrefix(prefix);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = ListPageSize };
        do
        {
            var response = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in response.S3Objects ?? [])
            {
                yield return item.Key;
            }

            request.ContinuationToken = response.NextContinuationToken;
            if (response.IsTruncated != true)
            {
                break;
            }
        }
        while (true);
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    public override string ToString() => $"S3BlobStore({bucket})";

    private async Task PutSingleAsync(string key, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        await client.PutObjectAsync(
            new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false },
            cancellationToken);
    }

    private async Task PutMultipartAsync(string key, Stream content, byte[] buffer, int firstLength, CancellationToken cancellationToken)
    {
        var upload = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = key },
            cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            var length = firstLength;
            var partNumber = 1;
            while (length > 0)
            {
                using (var body = new MemoryStream(buffer, 0, length, writable: false))
                {
                    var part = await client.UploadPartAsync(
                        new UploadPartRequest
                        {
                            BucketName = bucket,
                            Key = key,
                            UploadId = upload.UploadId,
                            PartNumber = partNumber,
                            PartSize = length,
                            InputStream = body,
                            UseChunkEncoding = false,
                        },
                        cancellationToken);
                    parts.Add(new PartETag { PartNumber = partNumber, ETag = part.ETag });
                }

                partNumber++;
                length = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancellationToken);
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken);
        }
        catch
        {
            await client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId },
                CancellationToken.None);
            throw;
        }
    }

    private static AmazonS3Client CreateClient(S3BlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 requires them: S3-compatible servers often lack the newer trailing-checksum uploads.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKeyId is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretAccessKey), config)
            : new AmazonS3Client(config);
    }

    /// <summary>The object's body; disposing it also disposes the response (and its connection).</summary>
    private sealed class ResponseOwningStream(GetObjectResponse response) : ReadOnlyStream
    {
        private readonly Stream body = response.ResponseStream;

        public override int Read(Span<byte> buffer) => body.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            body.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
