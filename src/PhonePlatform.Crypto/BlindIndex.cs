using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// Blind indexes: HMAC-SHA256 of a normalised value under a per-workspace, per-index key, stored next to the
/// ciphertext so equality lookups work without plaintext in the database.
/// </summary>
/// <remarks>
/// Key choice: the index keys are not derived from the rotating data key (rotation would change every index value
/// and force a rewrite before lookups work again). Each workspace instead has a dedicated index root key
/// (<see cref="KeyPurpose.BlindIndex"/>, version 1, generated and wrapped by the key provider like a data key, never
/// rotated); per index, <c>key = HKDF-Expand-SHA256(root, "phoneplatform/blind-index/v1" | workspace id | index name)</c>
/// (RFC 5869 §2.3; the root is uniformly random, so the extract step is skipped). Destroying old data key versions
/// leaves lookups working; shredding the workspace destroys the root too.
/// </remarks>
public sealed class BlindIndex
{
    /// <summary>Index name used for phone numbers.</summary>
    public const string PhoneNumberIndex = "phone-number";

    /// <summary>Index name used for e-mail addresses.</summary>
    public const string EmailIndex = "email";

    /// <summary>Length of an index value in bytes.</summary>
    public const int Length = 32;

    private static readonly byte[] Label = Encoding.ASCII.GetBytes("phoneplatform/blind-index/v1");

    private readonly WorkspaceKeyring keyring;

    public BlindIndex(WorkspaceKeyring keyring)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        this.keyring = keyring;
    }

    /// <summary>Index value of an E.164 phone number (see <see cref="BlindIndexNormalizer.PhoneNumber"/>).</summary>
    public ValueTask<byte[]> ForPhoneNumberAsync(Guid workspaceId, string e164, CancellationToken cancellationToken = default) =>
        ComputeAsync(workspaceId, PhoneNumberIndex, BlindIndexNormalizer.PhoneNumber(e164), cancellationToken);

    /// <summary>Index value of an e-mail address (see <see cref="BlindIndexNormalizer.Email"/>).</summary>
    public ValueTask<byte[]> ForEmailAsync(Guid workspaceId, string email, CancellationToken cancellationToken = default) =>
        ComputeAsync(workspaceId, EmailIndex, BlindIndexNormalizer.Email(email), cancellationToken);

    /// <summary>Index value of an already-normalised <paramref name="value"/> in the named index.</summary>
    public async ValueTask<byte[]> ComputeAsync(Guid workspaceId, string indexName, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexName);
        ArgumentNullException.ThrowIfNull(value);
        using var lease = await keyring.AcquireCurrentAsync(workspaceId, KeyPurpose.BlindIndex, cancellationToken);
        return Compute(lease, workspaceId, indexName, value);
    }

    /// <summary>Synchronous form; needs the index root cached (<see cref="WorkspaceKeyring.WarmAsync"/>).</summary>
    public byte[] Compute(Guid workspaceId, string indexName, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexName);
        ArgumentNullException.ThrowIfNull(value);
        if (!keyring.TryAcquireCurrent(workspaceId, KeyPurpose.BlindIndex, out var lease))
        {
            throw new KeyNotCachedException();
        }

        using (lease)
        {
            return Compute(lease, workspaceId, indexName, value);
        }
    }

    private static byte[] Compute(in KeyLease lease, Guid workspaceId, string indexName, string value)
    {
        var infoLength = Label.Length + 16 + Encoding.UTF8.GetByteCount(indexName);
        var info = new byte[infoLength];
        Label.CopyTo(info, 0);
        workspaceId.TryWriteBytes(info.AsSpan(Label.Length), bigEndian: true, out _);
        Encoding.UTF8.GetBytes(indexName, info.AsSpan(Label.Length + 16));

        Span<byte> indexKey = stackalloc byte[KeyMaterial.DataKeySize];
        var valueBytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            HKDF.Expand(HashAlgorithmName.SHA256, lease.Key, indexKey, info);
            var valueLength = Encoding.UTF8.GetBytes(value, valueBytes);
            return HMACSHA256.HashData(indexKey, valueBytes.AsSpan(0, valueLength));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(indexKey);
            ArrayPool<byte>.Shared.Return(valueBytes, clearArray: true);
        }
    }
}
