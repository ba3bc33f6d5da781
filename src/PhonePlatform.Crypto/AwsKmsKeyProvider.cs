using System.Security.Cryptography;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;

namespace PhonePlatform.Crypto;

/// <summary>
/// AWS KMS as the key provider: <c>GenerateDataKey</c> (AES_256) and <c>Decrypt</c>, both with an encryption context
/// carrying the workspace id, so KMS itself refuses to unwrap a key for another workspace (and CloudTrail records
/// which workspace every unwrap was for).
/// </summary>
public sealed class AwsKmsKeyProvider : IKeyProvider, IDisposable
{
    public const string ProviderName = "aws-kms";

    /// <summary>Encryption-context entry bound to every data key.</summary>
    public const string WorkspaceContextKey = "phoneplatform:workspace-id";

    private readonly IAmazonKeyManagementService client;
    private readonly string keyId;
    private readonly bool ownsClient;

    public AwsKmsKeyProvider(AwsKmsKeyProviderOptions options)
        : this(CreateClient(options), options.KeyId, ownsClient: true)
    {
    }

    /// <summary>Uses a client the caller configured (and disposes); <paramref name="keyId"/> names the master key.</summary>
    public AwsKmsKeyProvider(IAmazonKeyManagementService client, string keyId)
        : this(client, keyId, ownsClient: false)
    {
    }

    private AwsKmsKeyProvider(IAmazonKeyManagementService client, string keyId, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        this.client = client;
        this.keyId = keyId;
        this.ownsClient = ownsClient;
    }

    public string Name => ProviderName;

    public async Task<GeneratedDataKey> GenerateDataKeyAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var response = await client.GenerateDataKeyAsync(
            new GenerateDataKeyRequest
            {
                KeyId = keyId,
                KeySpec = DataKeySpec.AES_256,
                EncryptionContext = EncryptionContext(workspaceId),
            },
            cancellationToken);
        using var plaintext = TakeSecret(response.Plaintext);
        if (plaintext.Length != Internal.KeyMaterial.DataKeySize)
        {
            throw new CryptographicException("KMS returned a data key of unexpected length.");
        }

        return new GeneratedDataKey(plaintext.Clone(), response.CiphertextBlob.ToArray());
    }

    public async Task<SecretKey> DecryptDataKeyAsync(Guid workspaceId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        DecryptResponse response;
        try
        {
            response = await client.DecryptAsync(
                new DecryptRequest
                {
                    KeyId = keyId,
                    CiphertextBlob = new MemoryStream(wrappedKey.ToArray(), writable: false),
                    EncryptionContext = EncryptionContext(workspaceId),
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidCiphertextException or IncorrectKeyException)
        {
            throw new DecryptionFailedException(
                "KMS refused to unwrap the data key (damaged, another master key, or bound to another workspace).", ex);
        }

        return TakeSecret(response.Plaintext);
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    public override string ToString() => $"AwsKmsKeyProvider(KeyId={keyId})";

    private static Dictionary<string, string> EncryptionContext(Guid workspaceId) =>
        new(StringComparer.Ordinal) { [WorkspaceContextKey] = workspaceId.ToString("D") };

    /// <summary>Copies the key out of the SDK's buffer into a <see cref="SecretKey"/> and zeroes the SDK's copy.</summary>
    private static SecretKey TakeSecret(MemoryStream stream)
    {
        if (!stream.TryGetBuffer(out var buffer))
        {
            var copy = stream.ToArray();
            try
            {
                return new SecretKey(copy);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(copy);
            }
        }

        try
        {
            return new SecretKey(buffer.AsSpan());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.Array.AsSpan());
        }
    }

    private static AmazonKeyManagementServiceClient CreateClient(AwsKmsKeyProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonKeyManagementServiceConfig();
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
            ? new AmazonKeyManagementServiceClient(new BasicAWSCredentials(accessKey, options.SecretAccessKey), config)
            : new AmazonKeyManagementServiceClient(config);
    }
}
