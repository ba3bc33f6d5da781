using System.Buffers.Binary;

namespace PhonePlatform.Core.Paging;

/// <summary>
/// Opaque page cursors: base64url of the last sort key on a page. Clients pass them back unmodified;
/// anything that does not decode is refused rather than guessed at.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode(Guid lastId) => System.Buffers.Text.Base64Url.EncodeToString(lastId.ToByteArray(bigEndian: true));

    public static string Encode(long lastSequence)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastSequence);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, out Guid lastId)
    {
        lastId = Guid.Empty;
        if (!TryBytes(cursor, 16, out var bytes))
        {
            return false;
        }

        lastId = new Guid(bytes, bigEndian: true);
        return true;
    }

    public static bool TryDecode(string? cursor, out long lastSequence)
    {
        lastSequence = 0;
        if (!TryBytes(cursor, 8, out var bytes))
        {
            return false;
        }

        lastSequence = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return lastSequence >= 0;
    }

    /// <summary>Clamps a requested page size into 1..<see cref="MaxLimit"/>.</summary>
    public static int Limit(int? requested) => Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);

    private static bool TryBytes(string? cursor, int length, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 32)
        {
            return false;
        }

        var buffer = new byte[24];
        if (System.Buffers.Text.Base64Url.DecodeFromChars(cursor, buffer, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != length)
        {
            return false;
        }

        bytes = buffer[..length];
        return true;
    }
}
