using System.Net;
using System.Net.Sockets;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Rtcp;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>
/// A plain RTP leg against a loopback peer that plays a carrier's RTP stack: RTP both ways, RTCP on port + 1
/// (RFC 3550 §11), the peer answering the leg's SR with an RR carrying LSR/DLSR, so the leg measures round-trip time.
/// </summary>
public sealed class RtpMediaLegRtcpTests
{
    private const uint PeerSsrc = 0x0BADCAFE;
    private const uint LegSsrc = 0x5EED0001;
    private static readonly MediaPortAllocator Ports = new(43_000, 43_998);

    [Fact]
    public async Task RtpLeg_PeerAnswersSenderReports_StatisticsCarryRoundTripLossAndJitter()
    {
        using var peer = RtpPeer.Open();
        var factory = new RtpMediaLegFactory(IPAddress.Loopback, Ports, TimeSpan.FromMilliseconds(200));
        Assert.True(SdpParser.TryParse(peer.Offer(), out var offer, out var parseError), parseError);
        var result = await factory.CreateForOfferAsync(offer!, null, CancellationToken.None);
        await using var leg = (RtpMediaLeg)result.Leg!;
        var legRtp = leg.LocalEndPoint;
        var legRtcp = new IPEndPoint(legRtp.Address, legRtp.Port + 1);
        var peerReporter = new RtcpReporter(PeerSsrc, "peer@test");
        var legStream = new RtpReceiverStatistics(LegSsrc, 8000);
        var rtcpSeen = 0;
        var packet = new byte[172];
        var rtcp = new byte[1500];

        var deadline = DateTime.UtcNow.AddSeconds(30);
        ushort sequence = 0;
        while (leg.GetStatistics().RoundTripMilliseconds is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no RTT after {rtcpSeen} RTCP packets from the leg");
            sequence++;
            peer.Rtp.SendTo(Rtp(packet, PeerSsrc, sequence), legRtp);
            Assert.True(leg.TrySendRtp(Rtp(packet, LegSsrc, sequence)));

            while (peer.Rtp.Available > 0)
            {
                var length = peer.Rtp.Receive(packet);
                Assert.True(RtpHeader.TryParse(packet.AsSpan(0, length), out var header));
                legStream.OnPacket(header.SequenceNumber, header.Timestamp, Environment.TickCount64 * 8, header.PayloadLength);
            }

            while (peer.Rtcp.Available > 0)
            {
                var length = peer.Rtcp.Receive(rtcp);
                Assert.True(RtcpParser.TryParseCompound(rtcp.AsSpan(0, length), out var compound));
                rtcpSeen++;
                peerReporter.OnReceived(compound);
                var reply = peerReporter.WriteReport(rtcp, legStream, null);
                peer.Rtcp.SendTo(rtcp.AsSpan(0, reply), SocketFlags.None, legRtcp);
            }

            await Task.Delay(20);
        }

        var statistics = leg.GetStatistics();
        Assert.InRange(statistics.RoundTripMilliseconds!.Value, 0, 1000);
        Assert.True(statistics.PacketsReceived > 0);
        Assert.True(statistics.PacketsSent > 0);
        Assert.Equal(0, statistics.PacketsLost);
        Assert.True(peerReporter.RoundTripTime is null || peerReporter.RoundTripTime >= TimeSpan.Zero);
    }

    [Fact]
    public async Task RtpLeg_GarbageTruncatedAndReplayedDatagrams_AreCountedAndTheLegKeepsWorking()
    {
        using var peer = RtpPeer.Open();
        var factory = new RtpMediaLegFactory(IPAddress.Loopback, Ports, TimeSpan.FromMilliseconds(200));
        Assert.True(SdpParser.TryParse(peer.Offer(), out var offer, out _));
        await using var leg = (RtpMediaLeg)(await factory.CreateForOfferAsync(offer!, null, CancellationToken.None)).Leg!;
        var legRtp = leg.LocalEndPoint;
        var legRtcp = new IPEndPoint(legRtp.Address, legRtp.Port + 1);
        var packet = new byte[172];

        peer.Rtp.SendTo(new byte[] { 0x80 }, legRtp);                                   // truncated RTP header
        peer.Rtp.SendTo(new byte[] { 0x17, 0xFE, 0xFD, 0, 0, 0 }, legRtp);               // DTLS-looking noise on plain RTP
        peer.Rtp.SendTo(new byte[] { 0x80, 0xC8, 0xFF, 0xFF, 1, 2, 3, 4 }, legRtp);      // SR claiming 256 KB
        peer.Rtcp.SendTo(new byte[] { 0x81, 0xC9, 0x00, 0x40 }, legRtcp);                // truncated RR
        peer.Rtcp.SendTo(new byte[300], legRtcp);                                        // zeros
        var replayed = Rtp(packet, PeerSsrc, 7).ToArray();
        for (var i = 0; i < 3; i++)
        {
            peer.Rtp.SendTo(replayed, legRtp);                                           // the same packet again
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        ushort sequence = 7;
        while (leg.GetStatistics().PacketsReceived < 20)
        {
            Assert.True(DateTime.UtcNow < deadline, "the leg stopped receiving after hostile input");
            peer.Rtp.SendTo(Rtp(packet, PeerSsrc, ++sequence), legRtp);
            await Task.Delay(5);
        }

        Assert.True(leg.MalformedDropped >= 2, $"malformed on RTP port: {leg.MalformedDropped}");
        Assert.True(leg.Rtcp.MalformedReceived >= 3, $"malformed RTCP: {leg.Rtcp.MalformedReceived}");
        Assert.Equal(0, MediaReceiver.Shared.HandlerFaults);
    }

    private static ReadOnlySpan<byte> Rtp(byte[] packet, uint ssrc, ushort sequence)
    {
        packet.AsSpan(12).Fill(0xFF);
        return RtpPeer.Pcmu(packet, ssrc, sequence);
    }
}
