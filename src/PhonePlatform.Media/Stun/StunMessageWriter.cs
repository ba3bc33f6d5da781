using System.Buffers.Binary;
using System.Net;

namespace PhonePlatform.Media.Stun;

/// <summary>
/// Builds one STUN message into a caller's buffer (RFC 8489 §5, §14), attribute by attribute, ending with
/// MESSAGE-INTEGRITY and FINGERPRINT. Allocates nothing.
/// </summary>
public ref struct StunMessageWriter
{
    private readonly Span<byte> buffer;
    private int length;

    /// <summary>Starts a message of <paramref name="type"/> with the given 12-byte transaction id.</summary>
    public StunMessageWriter(Span<byte> buffer, ushort type, ReadOnlySpan<byte> transactionId)
    {
        if (transactionId.Length != 12)
        {
            throw new ArgumentException("A STUN transaction id is 12 bytes.", nameof(transactionId));
        }

        if (buffer.Length < StunMessage.HeaderLength)
        {
            throw new ArgumentException("The buffer cannot hold a STUN header.", nameof(buffer));
        }

        this.buffer = buffer;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunMessage.MagicCookie);
        transactionId.CopyTo(buffer[8..]);
        length = StunMessage.HeaderLength;
    }

    /// <summary>The bytes written so far (a whole message after every call).</summary>
    public readonly int Length => length;

    /// <summary>Appends an attribute, zero-padded to 4 bytes (RFC 8489 §14).</summary>
    public void AddAttribute(ushort type, scoped ReadOnlySpan<byte> value)
    {
        var value4 = BeginAttribute(type, value.Length);
        value.CopyTo(value4);
        EndAttribute(value.Length);
    }

    /// <summary>Appends XOR-MAPPED-ADDRESS (RFC 8489 §14.2).</summary>
    public void AddXorMappedAddress(IPEndPoint endPoint)
    {
        var valueLength = StunXorAddress.EncodedLength(endPoint);
        var value = BeginAttribute(StunAttributeType.XorMappedAddress, valueLength);
        StunXorAddress.Encode(endPoint, buffer.Slice(8, 12), value);
        EndAttribute(valueLength);
    }

    /// <summary>Appends ERROR-CODE (RFC 8489 §14.8): class, number and a UTF-8 reason phrase.</summary>
    public void AddErrorCode(int code, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var reasonLength = System.Text.Encoding.UTF8.GetByteCount(reason);
        var value = BeginAttribute(StunAttributeType.ErrorCode, 4 + reasonLength);
        value[0] = 0;
        value[1] = 0;
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        System.Text.Encoding.UTF8.GetBytes(reason, value[4..]);
        EndAttribute(4 + reasonLength);
    }

    /// <summary>Appends MESSAGE-INTEGRITY keyed with <paramref name="key"/> (RFC 8489 §14.5).</summary>
    public void AddMessageIntegrity(scoped ReadOnlySpan<byte> key)
    {
        var prefixLength = length;
        var value = BeginAttribute(StunAttributeType.MessageIntegrity, 20);
        StunMessage.ComputeMessageIntegrity(buffer[..prefixLength], key, value);
        EndAttribute(20);
    }

    /// <summary>Appends FINGERPRINT (RFC 8489 §14.7); it must be the last attribute.</summary>
    public void AddFingerprint()
    {
        var prefixLength = length;
        var value = BeginAttribute(StunAttributeType.Fingerprint, 4);
        // The CRC covers the header with its length already including FINGERPRINT, as BeginAttribute set it.
        BinaryPrimitives.WriteUInt32BigEndian(value, StunMessage.ComputeFingerprint(buffer[..prefixLength]));
        EndAttribute(4);
    }

    private readonly Span<byte> BeginAttribute(ushort type, int valueLength)
    {
        var padded = (valueLength + 3) & ~3;
        if (valueLength > ushort.MaxValue || buffer.Length - length < 4 + padded)
        {
            throw new ArgumentException("The buffer cannot hold this STUN attribute.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[length..], type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[(length + 2)..], (ushort)valueLength);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)(length + 4 + padded - StunMessage.HeaderLength));
        buffer.Slice(length + 4 + valueLength, padded - valueLength).Clear();
        return buffer.Slice(length + 4, valueLength);
    }

    private void EndAttribute(int valueLength) => length += 4 + ((valueLength + 3) & ~3);
}
