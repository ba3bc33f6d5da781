using System.Collections.Concurrent;
using System.Net;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Tests.Support;

/// <summary>An in-memory transport: records what the stack sends and injects what a peer would send.</summary>
public sealed class RecordingTransport(SipTransportKind kind = SipTransportKind.Udp) : SipTransport
{
    public static readonly IPEndPoint Local = new(IPAddress.Loopback, 5060);
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.10"), 5070);

    public ConcurrentQueue<(SipEndPoint Destination, SipMessage Message)> Sent { get; } = new();

    public override SipTransportKind Kind => kind;

    public override IPEndPoint LocalEndPoint => Local;

    public SipEndPoint PeerEndPoint => new(kind, Peer, kind == SipTransportKind.Udp ? 0 : 7);

    public override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var parsed = SipParser.Parse(message.Span);
        Assert.True(parsed.IsSuccess, "the stack sent an unparsable message: " + parsed.Error);
        Sent.Enqueue((destination, parsed.Message!));
        return ValueTask.CompletedTask;
    }

    public ValueTask InjectAsync(string message, SipEndPoint? from = null) =>
        DeliverAsync(from ?? PeerEndPoint, System.Text.Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\r\n")));

    public ValueTask InjectAsync(SipMessage message, SipEndPoint? from = null) => DeliverAsync(from ?? PeerEndPoint, message.ToArray());

    public List<SipMessage> SentMessages => Sent.Select(s => s.Message).ToList();

    public List<SipResponse> SentResponses => Sent.Select(s => s.Message).OfType<SipResponse>().ToList();

    public List<SipRequest> SentRequests => Sent.Select(s => s.Message).OfType<SipRequest>().ToList();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
