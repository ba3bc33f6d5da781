using System.Buffers.Binary;
using System.Text;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Layout of an encrypted field:
/// <code>format(1) = 1 | key version(4, big-endian) | nonce(12) | ciphertext(n) | tag(16)</code>
/// Associated data: <c>header(5) | workspace id(16, big-endian) | len(2) entity | len(2) record id | len(2) field</c>
/// (lengths big-endian, strings UTF-8), so every part of the context is unambiguous.
/// </summary>
internal static class FieldRecordFormat
{
    public const byte Version1 = 1;
    public const int HeaderSize = 1 + 4;
    public const int Overhead = HeaderSize + AesGcmLayout.NonceSize + AesGcmLayout.TagSize;
    public const int StackAssociatedDataLimit = 512;
    private const int MaxPartBytes = ushort.MaxValue;

    public static int MaxAssociatedDataSize(in FieldContext context) =>
        HeaderSize + 16 + 6
        + Encoding.UTF8.GetMaxByteCount(context.Entity.Length)
        + Encoding.UTF8.GetMaxByteCount(context.RecordId.Length)
        + Encoding.UTF8.GetMaxByteCount(context.Field.Length);

    public static void Validate(in FieldContext context)
    {
        ArgumentException.ThrowIfNullOrEmpty(context.Entity, nameof(context));
        ArgumentException.ThrowIfNullOrEmpty(context.RecordId, nameof(context));
        ArgumentException.ThrowIfNullOrEmpty(context.Field, nameof(context));
    }

    public static void WriteHeader(Span<byte> destination, int keyVersion)
    {
        destination[0] = Version1;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], keyVersion);
    }

    /// <summary>Returns the key version of a well-formed header, or -1.</summary>
    public static int ReadKeyVersion(ReadOnlySpan<byte> record)
    {
        if (record.Length < Overhead || record[0] != Version1)
        {
            return -1;
        }

        var version = BinaryPrimitives.ReadInt32BigEndian(record[1..]);
        return version > 0 ? version : -1;
    }

    /// <summary>Writes the associated data into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteAssociatedData(Span<byte> destination, ReadOnlySpan<byte> header, Guid workspaceId, in FieldContext context)
    {
        header[..HeaderSize].CopyTo(destination);
        var position = HeaderSize;
        workspaceId.TryWriteBytes(destination[position..], bigEndian: true, out _);
        position += 16;
        position += WritePart(destination[position..], context.Entity);
        position += WritePart(destination[position..], context.RecordId);
        position += WritePart(destination[position..], context.Field);
        return position;
    }

    private static int WritePart(Span<byte> destination, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, destination[2..]);
        if (length > MaxPartBytes)
        {
            throw new ArgumentException("Field context parts must be at most 65535 UTF-8 bytes.", nameof(value));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)length);
        return 2 + length;
    }
}
