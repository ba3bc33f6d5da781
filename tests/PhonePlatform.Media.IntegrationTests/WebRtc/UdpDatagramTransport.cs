using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace PhonePlatform.Media.IntegrationTests.WebRtc;

/// <summary>BouncyCastle's datagram transport over a connected UDP socket (the test client's side).</summary>
internal sealed class UdpDatagramTransport(Socket socket) : DatagramTransport
{
    public int GetReceiveLimit() => 1500;

    public int GetSendLimit() => 1200;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        // Skip STUN answers and anything else that is not DTLS (RFC 7983).
        var deadline = Environment.TickCount64 + waitMillis;
        while (true)
        {
            var remaining = (int)(deadline - Environment.TickCount64);
            if (remaining <= 0 || !socket.Poll(remaining * 1000, SelectMode.SelectRead))
            {
                return -1;
            }

            var length = socket.Receive(buffer);
            if (length > 0 && buffer[0] is >= 20 and <= 63)
            {
                return length;
            }
        }
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer) => socket.Send(buffer);

    public void Close()
    {
    }

    public static Socket Connect(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(server);
        return socket;
    }
}
