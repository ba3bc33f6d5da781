using System.Net;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>
/// Compares socket addresses by their current octets. <see cref="SocketAddress.GetHashCode"/> caches its hash and
/// does not see writes through <see cref="SocketAddress.Buffer"/>, which is how receive loops refill one reused
/// address per datagram.
/// </summary>
internal sealed class SocketAddressContent : IEqualityComparer<SocketAddress>
{
    public static readonly SocketAddressContent Instance = new();

    public bool Equals(SocketAddress? x, SocketAddress? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Buffer.Span[..x.Size].SequenceEqual(y.Buffer.Span[..y.Size]));

    public int GetHashCode(SocketAddress obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = default(HashCode);
        hash.AddBytes(obj.Buffer.Span[..obj.Size]);
        return hash.ToHashCode();
    }
}
