using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Webhooks.Internal;

/// <summary>
/// Which addresses a webhook may reach: public unicast only. Loopback, private (RFC 1918, RFC 4193), link-local
/// (RFC 3927, RFC 4291 §2.5.6, cloud metadata at 169.254.169.254), shared (RFC 6598), unspecified, multicast,
/// broadcast and documentation ranges are refused, so a subscription cannot be used to probe the platform's network.
/// </summary>
internal sealed class DestinationPolicy(bool allowLoopback)
{
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved/broadcast
        || (b[0] == 100 && b[1] is >= 64 and <= 127) // RFC 6598 shared address space
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
        || (b[0] == 172 && b[1] is >= 16 and <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) // IETF protocol assignments, TEST-NET-1
        || (b[0] == 198 && b[1] is 18 or 19) // benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || address.IsIPv6UniqueLocal || address.IsIPv4MappedToIPv6)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        // 2000::/3 is the global unicast range; 2001:db8::/32 is documentation; 64:ff9b::/96 (NAT64) can reach internal IPv4.
        return (b[0] & 0xE0) == 0x20 && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8);
    }
}
