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

    public int BlobChunkSize { get; private init; } = BlobCipher.DefaultChunkSize;

    public static EncryptionSettings Read(IConfiguration section)
    {
        var settings = new EncryptionSettings
        {
            KeyProvider = section["KeyProvider"] ?? LocalKeyProvider.ProviderName,
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
    }

    private static int? Int(IConfiguration section, string key) =>
        section[key] is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static Uri? Url(IConfiguration section, string key) =>
        section[key] is { Length: > 0 } text ? new Uri(text, UriKind.Absolute) : null;
}
