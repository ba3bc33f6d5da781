using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using PhonePlatform.Media.Stun.Internal;

namespace PhonePlatform.Media.Stun;

/// <summary>
/// A parsed, validated view over one STUN message in a receive buffer (RFC 8489 §5, §14). It copies nothing:
/// attribute values are slices of the original datagram.
/// </summary>
public readonly ref struct StunMessage
{
    /// <summary>RFC 8489 §5: the fixed magic cookie in bytes 4-7 of every message.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>RFC 8489 §5: the header is 20 bytes.</summary>
    public const int HeaderLength = 20;

    private const uint FingerprintXor = 0x5354554E;

    private readonly ReadOnlySpan<byte> packet;

    private StunMessage(ReadOnlySpan<byte> packet) => this.packet = packet;

    /// <summary>The message type (method and class).</summary>
    public ushort Type => BinaryPrimitives.ReadUInt16BigEndian(packet);

    /// <summary>The 96-bit transaction id.</summary>
    public ReadOnlySpan<byte> TransactionId => packet.Slice(8, 12);

    /// <summary>The whole message.</summary>
    public ReadOnlySpan<byte> Packet => packet;

    /// <summary>
    /// Parses the header and walks the attributes: the message must be a whole STUN message (RFC 8489 §6.3:
    /// top two bits zero, magic cookie, length a multiple of 4 matching the datagram), every attribute must fit,
    /// only FINGERPRINT may follow MESSAGE-INTEGRITY, and nothing may follow FINGERPRINT.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out StunMessage message)
    {
        message = default;
        if (datagram.Length < HeaderLength || (datagram[0] & 0xC0) != 0)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if ((length & 3) != 0 || HeaderLength + length != datagram.Length
            || BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != MagicCookie)
        {
            return false;
        }

        var offset = HeaderLength;
        var sawIntegrity = false;
        var sawFingerprint = false;
        while (offset < datagram.Length)
        {
            if (sawFingerprint || datagram.Length - offset < 4)
            {
                return false;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            var padded = (valueLength + 3) & ~3;
            if (datagram.Length - offset - 4 < padded)
            {
                return false;
            }

            if (type == StunAttributeType.Fingerprint)
            {
                if (valueLength != 4)
                {
                    return false;
                }

                sawFingerprint = true;
            }
            else if (type == StunAttributeType.MessageIntegrity)
            {
                if (valueLength != 20 || sawIntegrity)
                {
                    return false;
                }

                sawIntegrity = true;
            }
            else if (sawIntegrity)
            {
                // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY (other than FINGERPRINT) are ignored;
                // we refuse them outright, since no legitimate ICE agent sends them.
                return false;
            }

            offset += 4 + padded;
        }

        message = new StunMessage(datagram);
        return true;
    }

    /// <summary>Finds the first attribute of a type; <paramref name="value"/> excludes padding.</summary>
    public bool TryGetAttribute(ushort type, out ReadOnlySpan<byte> value)
    {
        var offset = HeaderLength;
        while (offset < packet.Length)
        {
            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
            if (attributeType == type)
            {
                value = packet.Slice(offset + 4, valueLength);
                return true;
            }

            offset += 4 + ((valueLength + 3) & ~3);
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Returns the first comprehension-required attribute type not in <paramref name="known"/>, or null
    /// (RFC 8489 §6.3.1: unknown comprehension-optional attributes are ignored).
    /// </summary>
    public ushort? FindUnknownComprehensionRequired(ReadOnlySpan<ushort> known)
    {
        var offset = HeaderLength;
        while (offset < packet.Length)
        {
            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
            if (StunAttributeType.IsComprehensionRequired(attributeType) && !known.Contains(attributeType))
            {
                return attributeType;
            }

            offset += 4 + ((valueLength + 3) & ~3);
        }

        return null;
    }

    /// <summary>
    /// RFC 8489 §14.7: FINGERPRINT is the CRC-32 of the message up to (excluding) the attribute, XOR 0x5354554E,
    /// computed with the header length covering the attribute. It must be the last attribute.
    /// </summary>
    public bool HasValidFingerprint()
    {
        if (packet.Length < HeaderLength + 8)
        {
            return false;
        }

        var attributeOffset = packet.Length - 8;
        if (BinaryPrimitives.ReadUInt16BigEndian(packet[attributeOffset..]) != StunAttributeType.Fingerprint)
        {
            return false;
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(packet[(attributeOffset + 4)..]);
        return (StunCrc32.Compute(packet[..attributeOffset]) ^ FingerprintXor) == expected;
    }

    /// <summary>
    /// RFC 8489 §14.5: MESSAGE-INTEGRITY is HMAC-SHA1 over the message up to the attribute, with the header
    /// length adjusted to end just after MESSAGE-INTEGRITY. For short-term credentials (ICE) the key is the
    /// password itself (RFC 8489 §9.1.1; OpaqueString is the identity for ICE's ASCII passwords).
    /// </summary>
    public bool HasValidMessageIntegrity(ReadOnlySpan<byte> key)
    {
        var offset = HeaderLength;
        while (offset < packet.Length)
        {
            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
            if (attributeType == StunAttributeType.MessageIntegrity)
            {
                Span<byte> mac = stackalloc byte[20];
                ComputeMessageIntegrity(packet[..offset], key, mac);
                return CryptographicOperations.FixedTimeEquals(mac, packet.Slice(offset + 4, 20));
            }

            offset += 4 + ((valueLength + 3) & ~3);
        }

        return false;
    }

    /// <summary>Reads an XOR-MAPPED-ADDRESS value (RFC 8489 §14.2) against this message's transaction id.</summary>
    public bool TryGetXorMappedAddress(out IPEndPoint? endPoint)
    {
        endPoint = null;
        return TryGetAttribute(StunAttributeType.XorMappedAddress, out var value)
            && StunXorAddress.TryDecode(value, TransactionId, out endPoint);
    }

    /// <summary>HMAC-SHA1 of <paramref name="prefix"/> (which ends where MESSAGE-INTEGRITY starts) with the length fixed up.</summary>
    internal static void ComputeMessageIntegrity(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key, Span<byte> mac)
    {
        // One-shot HMAC over a copy whose header length is patched: no allocation for datagram-sized messages.
        byte[]? rented = null;
        var copy = prefix.Length <= 1024 ? stackalloc byte[prefix.Length] : (rented = ArrayPool<byte>.Shared.Rent(prefix.Length)).AsSpan(0, prefix.Length);
        prefix.CopyTo(copy);
        BinaryPrimitives.WriteUInt16BigEndian(copy[2..], (ushort)(prefix.Length - HeaderLength + 24));
#pragma warning disable CA5350 // RFC 8489 §14.5 defines MESSAGE-INTEGRITY as HMAC-SHA1; ICE peers require exactly it.
        HMACSHA1.HashData(key, copy, mac);
#pragma warning restore CA5350
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static uint ComputeFingerprint(ReadOnlySpan<byte> prefix) => StunCrc32.Compute(prefix) ^ FingerprintXor;
}
