using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// The embedded default key provider: a 256-bit master key in a file (raw 32 bytes, mode 0600, created on first run)
/// wraps data keys with AES-256-GCM, binding the workspace id as associated data, so it behaves like KMS with an
/// encryption context. The key never leaves this object and is zeroed on dispose.
/// </summary>
/// <remarks>
/// Wrapped key layout: <c>version(1) = 1 | master-key id(8) | nonce(12) | ciphertext(32) | tag(16)</c>.
/// The master-key id (a truncated HMAC of a constant under the master key) lets a wrong key file be reported as such.
/// </remarks>
public sealed class LocalKeyProvider : IKeyProvider, IDisposable
{
    public const string ProviderName = "local";

    private const byte WrapFormatVersion = 1;
    private const int KeyIdLength = 8;
    private const int HeaderLength = 1 + KeyIdLength;
    private const int WrappedLength = HeaderLength + AesGcmLayout.NonceSize + KeyMaterial.DataKeySize + AesGcmLayout.TagSize;
    private static readonly byte[] WrapLabel = Encoding.ASCII.GetBytes("phoneplatform/local-kek/v1");
    private static readonly byte[] KeyIdLabel = Encoding.ASCII.GetBytes("phoneplatform/local-kek/id");

    private readonly SecretKey masterKey;
    private readonly byte[] keyId;

    public LocalKeyProvider(LocalKeyProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.MasterKeyPath);
        masterKey = MasterKeyFile.LoadOrCreate(options.MasterKeyPath);
        keyId = HMACSHA256.HashData(masterKey.Span, KeyIdLabel)[..KeyIdLength];
    }

    public string Name => ProviderName;

    public Task<GeneratedDataKey> GenerateDataKeyAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        Span<byte> dataKey = stackalloc byte[KeyMaterial.DataKeySize];
        RandomNumberGenerator.Fill(dataKey);
        try
        {
            var wrapped = Wrap(workspaceId, dataKey);
            return Task.FromResult(new GeneratedDataKey(new SecretKey(dataKey), wrapped));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public Task<SecretKey> DecryptDataKeyAsync(Guid workspaceId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        var wrapped = wrappedKey.Span;
        if (wrapped.Length != WrappedLength || wrapped[0] != WrapFormatVersion)
        {
            throw new DecryptionFailedException("Wrapped key is not in the local provider's format.");
        }

        if (!wrapped.Slice(1, KeyIdLength).SequenceEqual(keyId))
        {
            throw new DecryptionFailedException("Wrapped key was made under a different local master key.");
        }

        Span<byte> associatedData = stackalloc byte[WrapLabel.Length + 16 + HeaderLength];
        WriteAssociatedData(associatedData, workspaceId);
        var nonce = wrapped.Slice(HeaderLength, AesGcmLayout.NonceSize);
        var ciphertext = wrapped.Slice(HeaderLength + AesGcmLayout.NonceSize, KeyMaterial.DataKeySize);
        var tag = wrapped[^AesGcmLayout.TagSize..];
        Span<byte> dataKey = stackalloc byte[KeyMaterial.DataKeySize];
        try
        {
            using var aes = new AesGcm(masterKey.Span, AesGcmLayout.TagSize);
            aes.Decrypt(nonce, ciphertext, tag, dataKey, associatedData);
            return Task.FromResult(new SecretKey(dataKey));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new DecryptionFailedException("Wrapped key failed authentication (damaged, or bound to another workspace).");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public void Dispose() => masterKey.Dispose();

    public override string ToString() => "LocalKeyProvider(master key redacted)";

    private byte[] Wrap(Guid workspaceId, ReadOnlySpan<byte> dataKey)
    {
        var wrapped = new byte[WrappedLength];
        wrapped[0] = WrapFormatVersion;
        keyId.CopyTo(wrapped.AsSpan(1));
        var nonce = wrapped.AsSpan(HeaderLength, AesGcmLayout.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associatedData = stackalloc byte[WrapLabel.Length + 16 + HeaderLength];
        WriteAssociatedData(associatedData, workspaceId);
        using var aes = new AesGcm(masterKey.Span, AesGcmLayout.TagSize);
        aes.Encrypt(
            nonce,
            dataKey,
            wrapped.AsSpan(HeaderLength + AesGcmLayout.NonceSize, KeyMaterial.DataKeySize),
            wrapped.AsSpan(WrappedLength - AesGcmLayout.TagSize),
            associatedData);
        return wrapped;
    }

    private void WriteAssociatedData(Span<byte> destination, Guid workspaceId)
    {
        WrapLabel.CopyTo(destination);
        workspaceId.TryWriteBytes(destination[WrapLabel.Length..], bigEndian: true, out _);
        destination[(WrapLabel.Length + 16)..][0] = WrapFormatVersion;
        keyId.CopyTo(destination[(WrapLabel.Length + 17)..]);
    }
}
