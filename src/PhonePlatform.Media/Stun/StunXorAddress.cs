using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Media.Stun;

/// <summary>XOR-MAPPED-ADDRESS encoding (RFC 8489 §14.2).</summary>
public static class StunXorAddress
{
    private const byte FamilyIPv4 = 0x01;
    private const byte FamilyIPv6 = 0x02;

    /// <summary>The encoded value length for an address family.</summary>
    public static int EncodedLength(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return endPoint.AddressFamily == AddressFamily.InterNetworkV6 && !endPoint.Address.IsIPv4MappedToIPv6 ? 20 : 8;
    }

    /// <summary>Writes the attribute value; returns its length.</summary>
    public static int Encode(IPEndPoint endPoint, ReadOnlySpan<byte> transactionId, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var isV6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        destination[0] = 0;
        destination[1] = isV6 ? FamilyIPv6 : FamilyIPv4;
        // X-Port is the port XOR the most significant 16 bits of the magic cookie.
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(endPoint.Port ^ (StunMessage.MagicCookie >> 16)));
        var addressBytes = destination.Slice(4, isV6 ? 16 : 4);
        address.TryWriteBytes(addressBytes, out _);
        XorWithCookieAndTransaction(addressBytes, transactionId);
        return 4 + addressBytes.Length;
    }

    /// <summary>Reads an attribute value; false on a malformed one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 8 || transactionId.Length != 12)
        {
            return false;
        }

        var family = value[1];
        var addressLength = family switch { FamilyIPv4 => 4, FamilyIPv6 => 16, _ => 0 };
        if (addressLength == 0 || value.Length != 4 + addressLength)
        {
            return false;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (ushort)(StunMessage.MagicCookie >> 16);
        Span<byte> address = stackalloc byte[addressLength];
        value.Slice(4, addressLength).CopyTo(address);
        XorWithCookieAndTransaction(address, transactionId);
        endPoint = new IPEndPoint(new IPAddress(address), port);
        return true;
    }

    private static void XorWithCookieAndTransaction(Span<byte> address, ReadOnlySpan<byte> transactionId)
    {
        // IPv4: XOR with the magic cookie; IPv6: XOR with the cookie followed by the transaction id.
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        for (var i = 0; i < address.Length; i++)
        {
            address[i] ^= mask[i];
        }
    }
}
