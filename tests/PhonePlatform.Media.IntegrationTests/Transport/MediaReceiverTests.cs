using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Media.IntegrationTests.Transport;

/// <summary>Both receivers on real loopback sockets: what arrives, from where, and nothing after removal.</summary>
public sealed class MediaReceiverTests
{
    public static TheoryData<MediaReceiverKind> Kinds => [MediaReceiverKind.Epoll, MediaReceiverKind.Async];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Receiver_DeliversEveryDatagramWithItsSource(MediaReceiverKind kind)
    {
        var receiver = MediaReceiver.Create(kind);
        using var socket = Bound();
        using var peer = Bound();
        var received = new ConcurrentQueue<(byte First, int Length, IPEndPoint From)>();
        var template = new IPEndPoint(IPAddress.Any, 0);
        await using (receiver.Register(socket, (buffer, length, from) => received.Enqueue((buffer[0], length, (IPEndPoint)template.Create(from)))))
        {
            for (var i = 0; i < 100; i++)
            {
                peer.SendTo(new byte[] { (byte)i, 1, 2 }, socket.LocalEndPoint!);
            }

            await WaitForAsync(() => received.Count == 100);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (byte)i), received.Select(r => r.First));
        Assert.All(received, r => Assert.Equal(3, r.Length));
        Assert.All(received, r => Assert.Equal(peer.LocalEndPoint, r.From));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Receiver_HandlerThrows_CountsFaultAndKeepsReceiving(MediaReceiverKind kind)
    {
        var receiver = MediaReceiver.Create(kind);
        using var socket = Bound();
        using var peer = Bound();
        var good = 0;
        await using (receiver.Register(socket, (buffer, _, _) =>
        {
            if (buffer[0] == 0xFF)
            {
                throw new InvalidOperationException("hostile datagram");
            }

            Interlocked.Increment(ref good);
        }))
        {
            peer.SendTo(new byte[] { 0xFF }, socket.LocalEndPoint!);
            peer.SendTo(new byte[] { 0x01 }, socket.LocalEndPoint!);
            await WaitForAsync(() => Volatile.Read(ref good) == 1);
        }

        Assert.Equal(1, receiver.HandlerFaults);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Receiver_AfterRemoval_HandlerIsNotCalledAgain(MediaReceiverKind kind)
    {
        var receiver = MediaReceiver.Create(kind);
        using var socket = Bound();
        using var peer = Bound();
        var calls = 0;
        var registration = receiver.Register(socket, (_, _, _) => Interlocked.Increment(ref calls));
        peer.SendTo(new byte[] { 1 }, socket.LocalEndPoint!);
        await WaitForAsync(() => Volatile.Read(ref calls) == 1);

        await registration.DisposeAsync();
        peer.SendTo(new byte[] { 2 }, socket.LocalEndPoint!);

        // The datagram is queued on the socket but nobody takes it: a second receive proves it arrived unread.
        socket.ReceiveTimeout = 5000;
        var buffer = new byte[16];
        Assert.Equal(1, socket.Receive(buffer));
        Assert.Equal(2, buffer[0]);
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the receiver");
            await Task.Delay(10);
        }
    }
}
