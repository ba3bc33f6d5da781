using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Encrypted platform backup layout: the chunked STREAM construction of <see cref="BlobFormat"/>, with the wrapped
/// data key carried in the header so a restore needs only the key provider (not the database being restored).
/// <code>
/// header: magic "PPBK"(4) | format(1) = 1 | wrapped key length(2) | wrapped key | chunk size(4) | salt(16) | nonce prefix(7)
/// chunks, nonces: as BlobFormat; associated data of every chunk: the whole header (so the wrapped key is authenticated too)
/// key: HKDF-SHA256(ikm = data key, salt, info = "phoneplatform/backup/v1" | object name)
/// </code>
/// </summary>
internal static class BackupFormat
{
    public const int MaxWrappedKeyLength = 4096;
    private const int PrefixSize = 4 + 1 + 2;
    private const int TailSize = 4 + BlobFormat.SaltSize + BlobFormat.NoncePrefixSize;
    private const byte Version1 = 1;
    private static readonly byte[] Magic = "PPBK"u8.ToArray();
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("phoneplatform/backup/v1");

    public static byte[] NewHeader(ReadOnlySpan<byte> wrappedKey, int chunkSize)
    {
        if (wrappedKey.Length is 0 or > MaxWrappedKeyLength)
        {
            throw new ArgumentException("Wrapped key length out of range.", nameof(wrappedKey));
        }

        var header = new byte[PrefixSize + wrappedKey.Length + TailSize];
        Magic.CopyTo(header, 0);
        header[4] = Version1;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(5), (ushort)wrappedKey.Length);
        wrappedKey.CopyTo(header.AsSpan(PrefixSize));
        var tail = header.AsSpan(PrefixSize + wrappedKey.Length);
        BinaryPrimitives.WriteInt32BigEndian(tail, chunkSize);
        RandomNumberGenerator.Fill(tail[4..]);
        return header;
    }

    /// <summary>Reads a header from <paramref name="source"/>; null when it is not a supported backup (never throws on content).</summary>
    public static async Task<byte[]?> ReadHeaderAsync(Stream source, CancellationToken cancellationToken)
    {
        var prefix = new byte[PrefixSize];
        if (await source.ReadAtLeastAsync(prefix, PrefixSize, throwOnEndOfStream: false, cancellationToken) < PrefixSize
            || !prefix.AsSpan(0, 4).SequenceEqual(Magic) || prefix[4] != Version1)
        {
            return null;
        }

        var wrappedLength = BinaryPrimitives.ReadUInt16BigEndian(prefix.AsSpan(5));
        if (wrappedLength is 0 or > MaxWrappedKeyLength)
        {
            return null;
        }

        var header = new byte[PrefixSize + wrappedLength + TailSize];
        prefix.CopyTo(header, 0);
        var rest = header.Length - PrefixSize;
        if (await source.ReadAtLeastAsync(header.AsMemory(PrefixSize), rest, throwOnEndOfStream: false, cancellationToken) < rest)
        {
            return null;
        }

        var chunkSize = ChunkSize(header);
        return chunkSize is >= BlobFormat.MinChunkSize and <= BlobFormat.MaxChunkSize ? header : null;
    }

    public static ReadOnlySpan<byte> WrappedKey(ReadOnlySpan<byte> header) =>
        header.Slice(PrefixSize, BinaryPrimitives.ReadUInt16BigEndian(header[5..]));

    public static int ChunkSize(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32BigEndian(header[^TailSize..]);

    public static ReadOnlySpan<byte> NoncePrefix(ReadOnlySpan<byte> header) => header[^BlobFormat.NoncePrefixSize..];

    public static ChunkCipher CreateCipher(ReadOnlySpan<byte> dataKey, byte[] header, string objectName)
    {
        var info = new byte[KeyLabel.Length + Encoding.UTF8.GetByteCount(objectName)];
        KeyLabel.CopyTo(info, 0);
        Encoding.UTF8.GetBytes(objectName, info.AsSpan(KeyLabel.Length));
        var salt = header.AsSpan(header.Length - TailSize + 4, BlobFormat.SaltSize);
        Span<byte> objectKey = stackalloc byte[KeyMaterial.DataKeySize];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, objectKey, salt, info);
            return new ChunkCipher(new AesGcm(objectKey, AesGcmLayout.TagSize), header, NoncePrefix(header));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(objectKey);
        }
    }
}
