namespace PhonePlatform.Crypto;

/// <summary>Options of the <c>s3</c> blob store.</summary>
public sealed class S3BlobStoreOptions
{
    public string Bucket { get; set; } = string.Empty;

    /// <summary>AWS region; also the signing region when <see cref="ServiceUrl"/> is set.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Endpoint of an S3-compatible server (MinIO, Ceph, s3rver); null for AWS S3 in <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Static credentials; when null the SDK's default chain (environment, profile, instance role) is used.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    /// <summary>Upload part size; blobs up to this size go in one PUT, larger ones as a multipart upload.</summary>
    public int PartSize { get; set; } = 8 * 1024 * 1024;

    public override string ToString() => $"S3BlobStoreOptions(Bucket={Bucket}, Region={Region}, ServiceUrl={ServiceUrl}, credentials redacted)";
}
