using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.MediaLoad;

/// <summary>
/// One bridged call as the gateway composes it: a <see cref="WebRtcLeg"/> (SRTP toward the browser) and a trunk
/// <see cref="MediaSocket"/> (plain RTP), with an <see cref="RtpRelayPath"/> each way (telephone-event 126 ⇄ 101,
/// SSRC/sequence/timestamp rewriting). The leg's own receive loop drives browser → trunk; one receive loop on the
/// trunk socket drives trunk → browser.
/// </summary>
internal sealed class BridgedCall : IAsyncDisposable
{
    private const int MaxDatagram = 2048;

    private readonly MediaSocket trunk;
    private readonly SocketAddress trunkPeer;
    private readonly RtpRelayPath toTrunk;
    private readonly RtpRelayPath toBrowser;
    private readonly byte[] forward = new byte[MaxDatagram];
    private IAsyncDisposable? trunkReceiving;
    private long sentToTrunk;
    private long trunkReceived;
    private long sentToBrowser;

    public BridgedCall(int index, WebRtcLeg leg, MediaSocket trunk, IPEndPoint trunkPeer)
    {
        Leg = leg;
        this.trunk = trunk;
        this.trunkPeer = trunkPeer.Serialize();
        toTrunk = new RtpRelayPath(new RtpRelayPathOptions
        {
            PayloadTypeMap = new Dictionary<byte, byte> { [126] = 101 },
            TelephoneEventPayloadType = 126,
            Rewriter = new RtpStreamRewriter(LoadPacket.TrunkSsrc(index), 8000, 0, 0),
        });
        toBrowser = new RtpRelayPath(new RtpRelayPathOptions
        {
            PayloadTypeMap = new Dictionary<byte, byte> { [101] = 126 },
            TelephoneEventPayloadType = 101,
            Rewriter = new RtpStreamRewriter(LoadPacket.BrowserSsrc(index), 8000, 0, 0),
        });
        leg.RtpReceived += ForwardToTrunk;
    }

    public WebRtcLeg Leg { get; }

    public int TrunkPort => trunk.LocalEndPoint.Port;

    public long SentToTrunk => Interlocked.Read(ref sentToTrunk);

    public long TrunkReceived => Interlocked.Read(ref trunkReceived);

    public long SentToBrowser => Interlocked.Read(ref sentToBrowser);

    public long RelayDropped => toTrunk.Dropped + toBrowser.Dropped;

    public void Start() => trunkReceiving = MediaReceiver.Shared.Register(trunk.Socket, ReceiveFromTrunk);

    public async ValueTask DisposeAsync()
    {
        if (trunkReceiving is not null)
        {
            await trunkReceiving.DisposeAsync();
        }

        trunk.Dispose();
        await Leg.DisposeAsync();
    }

    // On the leg's receive loop: the packet is decrypted already.
    private void ForwardToTrunk(ReadOnlySpan<byte> packet)
    {
        packet.CopyTo(forward);
        var length = toTrunk.Process(forward, packet.Length);
        if (length > 0)
        {
            try
            {
                trunk.Socket.SendTo(forward.AsSpan(0, length), SocketFlags.None, trunkPeer);
                Interlocked.Increment(ref sentToTrunk);
            }
            catch (SocketException)
            {
                // UDP: a failed send is a lost packet.
            }
        }
    }

    // On the receiver's thread for the trunk socket.
    private void ReceiveFromTrunk(byte[] buffer, int length, SocketAddress from)
    {
        Interlocked.Increment(ref trunkReceived);
        var relayed = toBrowser.Process(buffer, length);
        if (relayed > 0 && Leg.TrySendRtp(buffer.AsSpan(0, relayed)))
        {
            Interlocked.Increment(ref sentToBrowser);
        }
    }
}
