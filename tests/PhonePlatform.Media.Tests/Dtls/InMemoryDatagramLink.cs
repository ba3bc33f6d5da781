using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace PhonePlatform.Media.Tests.Dtls;

/// <summary>The client's end of an in-memory datagram link to a <see cref="PhonePlatform.Media.Dtls.DtlsSrtpServer"/>.</summary>
internal sealed class InMemoryDatagramLink(Action<byte[]> toServer) : DatagramTransport
{
    private readonly BlockingCollection<byte[]> fromServer = [];

    public Func<byte[], bool> DropToServer { get; set; } = _ => false;

    public void DeliverFromServer(ReadOnlyMemory<byte> datagram) => fromServer.Add(datagram.ToArray());

    public int GetReceiveLimit() => 1500;

    public int GetSendLimit() => 1200;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        if (!fromServer.TryTake(out var datagram, waitMillis))
        {
            return -1;
        }

        datagram.AsSpan(0, Math.Min(datagram.Length, buffer.Length)).CopyTo(buffer);
        return Math.Min(datagram.Length, buffer.Length);
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        var copy = buffer.ToArray();
        if (!DropToServer(copy))
        {
            toServer(copy);
        }
    }

    public void Close() => fromServer.CompleteAdding();
}
