using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Encrypted blob layout, after the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár, "Online
/// Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015, §7):
/// <code>
/// header: magic "PPEB"(4) | format(1) = 1 | key version(4) | chunk size(4) | salt(16) | nonce prefix(7)
/// chunks: AES-256-GCM(chunk i) | tag(16), every chunk holding exactly chunk-size plaintext bytes except the last
///         (0..chunk size); the last may be empty, and always exists.
/// nonce of chunk i: nonce prefix(7) | i (4, big-endian) | 1 if last else 0
/// key: HKDF-SHA256(ikm = data key version, salt, info = "phoneplatform/blob/v1" | workspace id | blob name)
/// associated data of every chunk: the header
/// </code>
/// Reordering changes a chunk's counter, truncation at a chunk boundary leaves a chunk not flagged last, extension
/// puts a chunk after the one flagged last: each fails authentication. The per-blob key (fresh salt) makes nonce
/// collisions across blobs irrelevant and binds the blob to its workspace and name.
/// </summary>
internal static class BlobFormat
{
    public const int MagicSize = 4;
    public const byte Version1 = 1;
    public const int SaltSize = 16;
    public const int NoncePrefixSize = 7;
    public const int HeaderSize = MagicSize + 1 + 4 + 4 + SaltSize + NoncePrefixSize;
    public const int MinChunkSize = 256;
    public const int MaxChunkSize = 16 * 1024 * 1024;
    private const int KeyVersionOffset = MagicSize + 1;
    private const int ChunkSizeOffset = KeyVersionOffset + 4;
    private const int SaltOffset = ChunkSizeOffset + 4;
    private const int NoncePrefixOffset = SaltOffset + SaltSize;
    private static readonly byte[] Magic = "PPEB"u8.ToArray();
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("phoneplatform/blob/v1");

    public static byte[] NewHeader(int keyVersion, int chunkSize)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[MagicSize] = Version1;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(KeyVersionOffset), keyVersion);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(ChunkSizeOffset), chunkSize);
        RandomNumberGenerator.Fill(header.AsSpan(SaltOffset, SaltSize + NoncePrefixSize));
        return header;
    }

    /// <summary>Parses a header, refusing anything malformed (including a hostile chunk size); never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> header, out int keyVersion, out int chunkSize)
    {
        keyVersion = 0;
        chunkSize = 0;
        if (header.Length < HeaderSize || !header[..MagicSize].SequenceEqual(Magic) || header[MagicSize] != Version1)
        {
            return false;
        }

        keyVersion = BinaryPrimitives.ReadInt32BigEndian(header[KeyVersionOffset..]);
        chunkSize = BinaryPrimitives.ReadInt32BigEndian(header[ChunkSizeOffset..]);
        return keyVersion > 0 && chunkSize is >= MinChunkSize and <= MaxChunkSize;
    }

    public static ReadOnlySpan<byte> NoncePrefix(ReadOnlySpan<byte> header) => header.Slice(NoncePrefixOffset, NoncePrefixSize);

    /// <summary>Derives this blob's AES-GCM key from the data key and builds the cipher; the derived bytes are zeroed.</summary>
    public static AesGcm CreateBlobCipher(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> header, Guid workspaceId, string blobName)
    {
        var info = new byte[KeyLabel.Length + 16 + Encoding.UTF8.GetByteCount(blobName)];
        KeyLabel.CopyTo(info, 0);
        workspaceId.TryWriteBytes(info.AsSpan(KeyLabel.Length), bigEndian: true, out _);
        Encoding.UTF8.GetBytes(blobName, info.AsSpan(KeyLabel.Length + 16));
        Span<byte> blobKey = stackalloc byte[KeyMaterial.DataKeySize];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, blobKey, header.Slice(SaltOffset, SaltSize), info);
            return new AesGcm(blobKey, AesGcmLayout.TagSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blobKey);
        }
    }

    public static long CiphertextLength(long plaintextLength, int chunkSize)
    {
        var chunks = Math.Max(1, (plaintextLength + chunkSize - 1) / chunkSize);
        return HeaderSize + plaintextLength + (chunks * AesGcmLayout.TagSize);
    }
}
