using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Tests.Relay;

public class RtpRelayPathTests
{
    private static readonly byte[] MasterKey = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] MasterSalt = Enumerable.Range(50, 12).Select(i => (byte)i).ToArray();

    private static SrtpSession Session() => new(SrtpProfile.AeadAes128Gcm, MasterKey, MasterSalt);

    private static byte[] RtpPacket(byte payloadType, ushort sequence, uint timestamp, ReadOnlySpan<byte> payload, uint ssrc = 0xC0FFEE, bool marker = false)
    {
        var buffer = new byte[1500];
        var length = RtpPacketWriter.Write(buffer, payloadType, sequence, timestamp, ssrc, payload, marker);
        Array.Resize(ref buffer, length + SrtpSession.MaxProtectOverhead);
        return buffer;
    }

    private static byte[] EventPayload(char digit, bool end, ushort duration)
    {
        var payload = new byte[4];
        new TelephoneEvent(TelephoneEvent.EventOf(digit)!.Value, end, 10, duration).Write(payload);
        return payload;
    }

    [Fact]
    public void Process_WebRtcToTrunk_DecryptsMapsTelephoneEventRewritesAndReportsDtmfOnce()
    {
        using var browser = Session();
        using var relayInbound = Session();
        var clock = new FakeTimeProvider();
        var path = new RtpRelayPath(new RtpRelayPathOptions
        {
            Inbound = relayInbound,
            Rewriter = new RtpStreamRewriter(0x7777, 8000, 1000, 90000, clock),
            PayloadTypeMap = new Dictionary<byte, byte> { [126] = 101 },
            TelephoneEventPayloadType = 126,
            TimeProvider = clock,
        });
        var reports = new List<DtmfEvent>();
        path.Dtmf.DigitDetected += reports.Add;

        var sent = new List<byte[]>();
        ushort seq = 10;
        uint ts = 1600;

        byte[] Send(byte pt, uint timestamp, byte[] payload, bool marker = false)
        {
            var packet = RtpPacket(pt, seq++, timestamp, payload, marker: marker);
            var length = browser.ProtectRtp(packet, packet.Length - SrtpSession.MaxProtectOverhead);
            var outLength = path.Process(packet, length);
            Assert.True(outLength > 0, path.LastDropReason.ToString());
            var output = packet.AsSpan(0, outLength).ToArray();
            sent.Add(output);
            clock.Advance(TimeSpan.FromMilliseconds(20));
            return output;
        }

        Send(0, ts, new byte[160]);

        // Digit 5: start (marker), two updates, then the end packet three times (RFC 4733 §2.5.1.4).
        var eventTs = ts + 160;
        Send(126, eventTs, EventPayload('5', false, 160), marker: true);
        Send(126, eventTs, EventPayload('5', false, 320));
        Send(126, eventTs, EventPayload('5', false, 480));
        for (var i = 0; i < 3; i++)
        {
            Send(126, eventTs, EventPayload('5', true, 800));
        }

        Send(0, eventTs + 960, new byte[160]);

        Assert.Equal([new DtmfEvent('5', TimeSpan.FromMilliseconds(20), false, eventTs), new DtmfEvent('5', TimeSpan.FromMilliseconds(100), true, eventTs)], reports);

        // On the trunk side: plain RTP, telephone-event as 101, our SSRC and continuous sequence numbers.
        var headers = sent.Select(p => { Assert.True(RtpHeader.TryParse(p, out var h)); return h; }).ToList();
        Assert.All(headers, h => Assert.Equal(0x7777u, h.Ssrc));
        Assert.Equal(Enumerable.Range(1000, sent.Count).Select(i => (ushort)i), headers.Select(h => h.SequenceNumber));
        Assert.Equal(new byte[] { 0, 101, 101, 101, 101, 101, 101, 0 }, headers.Select(h => h.PayloadType));
        Assert.True(TelephoneEvent.TryParse(sent[4].AsSpan(headers[4].PayloadOffset), out var forwardedEnd));
        Assert.True(forwardedEnd.End);
        Assert.Equal(8, path.Forwarded);
        Assert.Equal(0, path.Statistics!.CumulativeLost);
    }

    [Fact]
    public void Process_TrunkToWebRtc_ProtectsWhatTheBrowserCanUnprotect()
    {
        using var relayOutbound = Session();
        using var browser = Session();
        var path = new RtpRelayPath(new RtpRelayPathOptions
        {
            Outbound = relayOutbound,
            PayloadTypeMap = new Dictionary<byte, byte> { [101] = 126 },
        });
        var tapped = 0;
        path.Tap = (ReadOnlySpan<byte> packet, in RtpHeader header) => tapped++;

        var payload = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();
        var packet = RtpPacket(101, 5, 800, EventPayload('#', false, 160));
        var outLength = path.Process(packet, packet.Length - SrtpSession.MaxProtectOverhead);
        Assert.Equal(12 + 4 + 16, outLength);

        Assert.True(browser.TryUnprotectRtp(packet, outLength, out var plainLength));
        Assert.True(RtpHeader.TryParse(packet.AsSpan(0, plainLength), out var header));
        Assert.Equal(126, header.PayloadType);
        Assert.Equal(1, tapped);
    }

    [Fact]
    public void Process_TamperedSrtp_IsDroppedAndCounted()
    {
        using var browser = Session();
        using var relayInbound = Session();
        var path = new RtpRelayPath(new RtpRelayPathOptions { Inbound = relayInbound });
        var packet = RtpPacket(0, 1, 0, new byte[160]);
        var length = browser.ProtectRtp(packet, packet.Length - SrtpSession.MaxProtectOverhead);
        packet[40] ^= 1;
        Assert.Equal(0, path.Process(packet, length));
        Assert.Equal(RtpRelayDropReason.SrtpRejected, path.LastDropReason);
        Assert.Equal(1, relayInbound.AuthenticationFailures);
    }

    [Fact]
    public void Process_DropUnmappedPayloadTypes_DropsVideoKeepsAudio()
    {
        var path = new RtpRelayPath(new RtpRelayPathOptions
        {
            PayloadTypeMap = new Dictionary<byte, byte> { [0] = 0 },
            DropUnmappedPayloadTypes = true,
        });
        var audio = RtpPacket(0, 1, 0, new byte[160]);
        var video = RtpPacket(96, 2, 0, new byte[160]);
        Assert.True(path.Process(audio, audio.Length - SrtpSession.MaxProtectOverhead) > 0);
        Assert.Equal(0, path.Process(video, video.Length - SrtpSession.MaxProtectOverhead));
        Assert.Equal(RtpRelayDropReason.PayloadTypeNotMapped, path.LastDropReason);
    }

    [Fact]
    public void Process_SeededGarbage_NeverThrowsAndForwardsNothingForged()
    {
        using var relayInbound = Session();
        var path = new RtpRelayPath(new RtpRelayPathOptions { Inbound = relayInbound, TelephoneEventPayloadType = 126 });
        var random = new Random(4733);
        var buffer = new byte[1500];
        for (var n = 0; n < 5000; n++)
        {
            var length = random.Next(0, 1400);
            random.NextBytes(buffer.AsSpan(0, length));
            buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F));
            Assert.Equal(0, path.Process(buffer, length));
        }

        Assert.Equal(5000, path.Dropped);
        Assert.Equal(0, path.Forwarded);
    }

    [Fact]
    public void Process_DuplicateSequenceFromPlainLegWithoutRewriter_IsDroppedNotReencrypted()
    {
        using var relayOutbound = Session();
        var path = new RtpRelayPath(new RtpRelayPathOptions { Outbound = relayOutbound });
        var first = RtpPacket(0, 9, 0, new byte[160]);
        var forged = RtpPacket(0, 9, 0, Enumerable.Repeat((byte)0x55, 160).ToArray());
        Assert.True(path.Process(first, first.Length - SrtpSession.MaxProtectOverhead) > 0);
        Assert.Equal(0, path.Process(forged, forged.Length - SrtpSession.MaxProtectOverhead));
        Assert.Equal(RtpRelayDropReason.SrtpIndexReused, path.LastDropReason);
    }
}
