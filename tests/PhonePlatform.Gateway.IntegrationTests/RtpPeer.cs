using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>A plain RTP peer on loopback: an RTP socket at an even port and its RTCP socket one above (RFC 3550 §11).</summary>
internal sealed class RtpPeer : IDisposable
{
    private RtpPeer(Socket rtp, Socket rtcp)
    {
        Rtp = rtp;
        Rtcp = rtcp;
    }

    public Socket Rtp { get; }

    public Socket Rtcp { get; }

    public static RtpPeer Open()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 29_999) & ~1;
            var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return new RtpPeer(rtp, rtcp);
            }
            catch (SocketException) when (attempt < 50)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }
    }

    /// <summary>Writes a PCMU packet header (payload left as it is) and returns the whole 172-octet packet.</summary>
    public static ReadOnlySpan<byte> Pcmu(byte[] packet, uint ssrc, ushort sequence)
    {
        packet[0] = 0x80;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 160u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        return packet.AsSpan(0, 172);
    }

    public string Offer() =>
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {((IPEndPoint)Rtp.LocalEndPoint!).Port} RTP/AVP 0 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";

    public void Dispose()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }
}
