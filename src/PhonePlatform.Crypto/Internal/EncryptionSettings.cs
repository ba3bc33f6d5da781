using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PhonePlatform.Crypto.Internal;

/// <summary>Reads the <c>Encryption</c> configuration section, failing at startup on anything it does not understand.</summary>
internal sealed class EncryptionSettings
{
    public string KeyProvider { get; private init; } = LocalKeyProvider.ProviderName;

    public LocalKeyProviderOptions Local { get; } = new();

    public AwsKmsKeyProviderOptions AwsKms { get; } = new();

    public WorkspaceKeyringOptions Keyring { get; } = new();

    public string BlobStore { get; private init; } = "local";

    public LocalFolderBlobStoreOptions LocalBlobs { get; } = new();

    public S3BlobStoreOptions S3 { get; } = new();

    public int BlobChunkSize { get; private init; } = BlobCipher.DefaultChunkSize;

    public static EncryptionSettings Read(IConfiguration section)
    {
        var settings = new EncryptionSettings
        {
            KeyProvider = section["KeyProvider"] ?? LocalKeyProvider.ProviderName,
            BlobStore = section["BlobStore"] ?? "local",
            BlobChunkSize = Int(section, "BlobChunkSize") ?? BlobCipher.DefaultChunkSize,
        };

        if (section["KeyCacheDuration"] is { } duration)
        {
            settings.Keyring.CacheDuration = TimeSpan.Parse(duration, CultureInfo.InvariantCulture);
        }

        var local = section.GetSection("Local");
        settings.Local.MasterKeyPath = local["MasterKeyPath"] ?? settings.Local.MasterKeyPath;

        var kms = section.GetSection("AwsKms");
        settings.AwsKms.KeyId = kms["KeyId"] ?? string.Empty;
        settings.AwsKms.Region = kms["Region"] ?? settings.AwsKms.Region;
        settings.AwsKms.ServiceUrl = Url(kms, "ServiceUrl");
        settings.AwsKms.AccessKeyId = kms["AccessKeyId"];
        settings.AwsKms.SecretAccessKey = kms["SecretAccessKey"];

        var blobs = section.GetSection("LocalBlobs");
        settings.LocalBlobs.RootPath = blobs["RootPath"] ?? settings.LocalBlobs.RootPath;

        var s3 = section.GetSection("S3");
        settings.S3.Bucket = s3["Bucket"] ?? string.Empty;
        settings.S3.Region = s3["Region"] ?? settings.S3.Region;
        settings.S3.ServiceUrl = Url(s3, "ServiceUrl");
        settings.S3.ForcePathStyle = bool.TryParse(s3["ForcePathStyle"], out var pathStyle) && pathStyle;
        settings.S3.AccessKeyId = s3["AccessKeyId"];
        settings.S3.SecretAccessKey = s3["SecretAccessKey"];
        settings.S3.PartSize = Int(s3, "PartSize") ?? settings.S3.PartSize;

        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (KeyProvider is not (LocalKeyProvider.ProviderName or AwsKmsKeyProvider.ProviderName))
        {
            throw new InvalidOperationException($"Encryption:KeyProvider must be 'local' or 'aws-kms', not '{KeyProvider}'.");
        }

        if (KeyProvider == AwsKmsKeyProvider.ProviderName && string.IsNullOrWhiteSpace(AwsKms.KeyId))
        {
            throw new InvalidOperationException("Encryption:AwsKms:KeyId is required for the aws-kms key provider.");
        }

        if (BlobStore is not ("local" or "s3"))
        {
            throw new InvalidOperationException($"Encryption:BlobStore must be 'local' or 's3', not '{BlobStore}'.");
        }

        if (BlobStore == "s3" && string.IsNullOrWhiteSpace(S3.Bucket))
        {
            throw new InvalidOperationException("Encryption:S3:Bucket is required for the s3 blob store.");
        }
    }

    private static int? Int(IConfiguration section, string key) =>
        section[key] is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static Uri? Url(IConfiguration section, string key) =>
        section[key] is { Length: > 0 } text ? new Uri(text, UriKind.Absolute) : null;
}
