using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Relay;

/// <summary>
/// One direction of a bridged call as a socket-free step: decrypt (SRTP leg), check and account the packet,
/// map its payload type, rewrite SSRC/sequence/timestamp, report DTMF, then re-encrypt or forward, all in place.
/// The transport owns sockets and calls <see cref="Process"/> per datagram. Not thread-safe: one receive loop per path.
/// </summary>
public sealed class RtpRelayPath
{
    private readonly RtpRelayPathOptions options;
    private readonly short[] payloadTypeMap = new short[128];
    private readonly long startTicks;
    private RtpReceiverStatistics? statistics;

    public RtpRelayPath(RtpRelayPathOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        for (var pt = 0; pt < payloadTypeMap.Length; pt++)
        {
            payloadTypeMap[pt] = options.DropUnmappedPayloadTypes ? (short)-1 : (short)pt;
        }

        foreach (var (from, to) in options.PayloadTypeMap)
        {
            if (from > 127 || to > 127)
            {
                throw new ArgumentException("Payload types are 7 bits.", nameof(options));
            }

            payloadTypeMap[from] = to;
        }

        Dtmf = new DtmfEventDetector(options.ClockRate);
        startTicks = options.TimeProvider.GetTimestamp();
    }

    /// <summary>DTMF digits seen on this path (subscribe to <see cref="DtmfEventDetector.DigitDetected"/>).</summary>
    public DtmfEventDetector Dtmf { get; }

    /// <summary>Optional observer of every forwarded packet in the clear (the recorder tap).</summary>
    public RtpPacketObserver? Tap { get; set; }

    public long Forwarded { get; private set; }

    public long Dropped { get; private set; }

    public RtpRelayDropReason LastDropReason { get; private set; }

    /// <summary>Statistics of the inbound stream (the current source SSRC), or null before the first packet.</summary>
    public RtpStreamStatistics? Statistics => statistics?.Snapshot();

    /// <summary>
    /// Processes one received RTP/SRTP datagram in place. <paramref name="packet"/> must have room for
    /// <see cref="SrtpSession.MaxProtectOverhead"/> octets after <paramref name="length"/> when the outbound leg is SRTP.
    /// </summary>
    /// <returns>The length to send, or 0 when the packet is dropped (counted with its reason).</returns>
    public int Process(Span<byte> packet, int length)
    {
        if (length <= 0 || length > packet.Length)
        {
            return Drop(RtpRelayDropReason.Malformed);
        }

        if (options.Inbound is { } inbound && !inbound.TryUnprotectRtp(packet, length, out length))
        {
            return Drop(RtpRelayDropReason.SrtpRejected);
        }

        var plain = packet[..length];
        if (!RtpHeader.TryParse(plain, out var header))
        {
            return Drop(RtpRelayDropReason.Malformed);
        }

        var mapped = payloadTypeMap[header.PayloadType];
        if (mapped < 0)
        {
            return Drop(RtpRelayDropReason.PayloadTypeNotMapped);
        }

        if (options.Outbound is not null && length + SrtpSession.MaxProtectOverhead > packet.Length)
        {
            return Drop(RtpRelayDropReason.BufferTooSmall);
        }

        Account(plain, header);

        if (mapped != header.PayloadType)
        {
            RtpHeader.WritePayloadType(plain, (byte)mapped);
        }

        options.Rewriter?.Rewrite(plain);
        if (Tap is { } tap && RtpHeader.TryParse(plain, out var rewritten))
        {
            tap(plain, rewritten);
        }

        if (options.Outbound is { } outbound && !outbound.TryProtectRtp(packet, length, out length))
        {
            return Drop(RtpRelayDropReason.SrtpIndexReused);
        }

        Forwarded++;
        return length;
    }

    private void Account(ReadOnlySpan<byte> plain, in RtpHeader header)
    {
        if (statistics is null || statistics.Ssrc != header.Ssrc)
        {
            statistics = new RtpReceiverStatistics(header.Ssrc, options.ClockRate);
        }

        var elapsed = options.TimeProvider.GetElapsedTime(startTicks);
        var arrival = (long)(elapsed.TotalSeconds * options.ClockRate);
        statistics.OnPacket(header.SequenceNumber, header.Timestamp, arrival, header.PayloadLength);

        if (header.PayloadType == options.TelephoneEventPayloadType)
        {
            Dtmf.OnPacket(header.Timestamp, plain.Slice(header.PayloadOffset, header.PayloadLength));
        }
    }

    private int Drop(RtpRelayDropReason reason)
    {
        Dropped++;
        LastDropReason = reason;
        return 0;
    }
}
