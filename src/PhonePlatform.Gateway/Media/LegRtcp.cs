using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using PhonePlatform.Media.Rtcp;
using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Gateway.Media;

/// <summary>Puts one compound RTCP packet on the wire toward the leg's peer.</summary>
public delegate bool RtcpSender(ReadOnlySpan<byte> compound);

/// <summary>
/// RTP/RTCP accounting of one leg (RFC 3550 §6.4): receive statistics of the peer's stream, our sender counters,
/// and every report interval (§6.2: 5 s minimum, randomized 0.5-1.5 times, §6.3.1) an SR while we send or an RR,
/// with a report block carrying LSR/DLSR; the peer's blocks about our stream give the round-trip time. Received
/// RTCP that does not parse is counted and ignored. Receive callbacks come from one receive thread, sends and the
/// report timer from others: one lock, uncontended per packet.
/// </summary>
public sealed class LegRtcp : IDisposable
{
    /// <summary>RFC 3550 §6.2: the recommended minimum interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private const int MaxCompound = 512;
    private readonly object gate = new();
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan interval;
    private readonly string canonicalName = "gw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private readonly byte[] report = new byte[MaxCompound];
    private RtcpSender? sender;
    private ITimer? timer;
    private RtpReceiverStatistics? receiver;
    private RtcpReporter? reporter;
    private uint localSsrc = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private uint lastRtpTimestamp;
    private long lastSentTicks;
    private long packetsSent;
    private long octetsSent;
    private long malformed;
    private int clockRate = 8000;

    public LegRtcp(TimeProvider? timeProvider = null, TimeSpan? interval = null)
    {
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.interval = interval ?? DefaultInterval;
    }

    /// <summary>Received RTCP that did not parse as a compound packet.</summary>
    public long MalformedReceived => Interlocked.Read(ref malformed);

    /// <summary>RTP clock rate of the agreed codec (for jitter in milliseconds and SR timestamps).</summary>
    public int ClockRate
    {
        get => clockRate;
        set => clockRate = value > 0 ? value : 8000;
    }

    /// <summary>Starts sending reports through <paramref name="send"/>.</summary>
    public void Start(RtcpSender send)
    {
        sender = send;
        timer ??= timeProvider.CreateTimer(_ => SendReport(), null, NextInterval(), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Accounts one received RTP packet (after SRTP).</summary>
    public void OnRtpReceived(in RtpHeader header)
    {
        var arrival = timeProvider.GetTimestamp() * clockRate / Stopwatch.Frequency;
        lock (gate)
        {
            if (receiver is null || receiver.Ssrc != header.Ssrc)
            {
                receiver = new RtpReceiverStatistics(header.Ssrc, clockRate);
            }

            receiver.OnPacket(header.SequenceNumber, header.Timestamp, arrival, header.PayloadLength);
        }
    }

    /// <summary>Accounts one RTP packet we sent (plain, before SRTP).</summary>
    public void OnRtpSent(ReadOnlySpan<byte> packet)
    {
        if (!RtpHeader.TryParse(packet, out var header))
        {
            return;
        }

        lock (gate)
        {
            if (header.Ssrc != localSsrc)
            {
                localSsrc = header.Ssrc;
                reporter = null; // a new SSRC: the peer's blocks about the old one no longer apply
            }

            lastRtpTimestamp = header.Timestamp;
            lastSentTicks = timeProvider.GetTimestamp();
            packetsSent++;
            octetsSent += header.PayloadLength;
        }
    }

    /// <summary>Consumes one received (unprotected) RTCP compound packet.</summary>
    public void OnRtcpReceived(ReadOnlySpan<byte> compound)
    {
        if (!RtcpParser.TryParseCompound(compound, out var parsed))
        {
            Interlocked.Increment(ref malformed);
            return;
        }

        lock (gate)
        {
            Reporter().OnReceived(parsed);
        }
    }

    /// <summary>Loss, jitter and RTT of the peer's stream as received here, for the call record.</summary>
    public MediaLegStatistics Statistics()
    {
        lock (gate)
        {
            var rtt = reporter?.RoundTripTime;
            return receiver is null
                ? new MediaLegStatistics(0, packetsSent, 0, 0, rtt?.TotalMilliseconds)
                : new MediaLegStatistics(
                    receiver.Received, packetsSent, Math.Max(0, receiver.CumulativeLost), receiver.Jitter * 1000.0 / clockRate, rtt?.TotalMilliseconds);
        }
    }

    /// <summary>Writes the report due now (exposed for tests); returns its length.</summary>
    public int WriteReport(Span<byte> destination)
    {
        lock (gate)
        {
            RtcpSenderInfo? sent = null;
            if (packetsSent > 0)
            {
                // §6.4.1: the RTP timestamp of the SR corresponds to its NTP time, extrapolated from the last packet.
                var since = timeProvider.GetElapsedTime(lastSentTicks);
                var timestamp = unchecked(lastRtpTimestamp + (uint)(since.TotalSeconds * clockRate));
                sent = new RtcpSenderInfo(unchecked((uint)packetsSent), unchecked((uint)octetsSent), timestamp);
            }

            return Reporter().WriteReport(destination, receiver, sent);
        }
    }

    public void Dispose()
    {
        timer?.Dispose();
        sender = null;
    }

    private void SendReport()
    {
        if (sender is not { } send)
        {
            return;
        }

        var length = WriteReport(report);
        send(report.AsSpan(0, length));
        timer?.Change(NextInterval(), Timeout.InfiniteTimeSpan);
    }

    private RtcpReporter Reporter() => reporter ??= new RtcpReporter(localSsrc, canonicalName, timeProvider);

    private TimeSpan NextInterval() => interval * (0.5 + Random.Shared.NextDouble());
}
