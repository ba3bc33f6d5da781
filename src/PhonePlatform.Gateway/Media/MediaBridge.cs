using System.Security.Cryptography;
using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Gateway.Media;

/// <summary>
/// Relays RTP between two legs that agreed the same G.711 codec, so no transcoding is needed. Each direction maps the
/// codec and telephone-event payload types of one leg to the other's (e.g. Chromium's 126 to a trunk's 101, RFC 4733
/// §2.1 leaves the PT to the negotiation) and rewrites SSRC, sequence and timestamp (RFC 3550 §8.2: each leg is its
/// own RTP session, and a trunk echoing a browser's stream must not reach the browser with the browser's own SSRC).
/// </summary>
public sealed class MediaBridge : IDisposable
{
    private const int MaxPacket = 1500;
    private readonly MediaLeg first;
    private readonly MediaLeg second;
    private readonly RtpStreamRewriter toSecond = NewRewriter();
    private readonly RtpStreamRewriter toFirst = NewRewriter();
    private CallRecorder? recorder;
    private bool paused;

    private MediaBridge(MediaLeg first, MediaLeg second)
    {
        this.first = first;
        this.second = second;
    }

    /// <summary>Starts relaying; each leg's receive loop forwards to the other (one writer per rewriter).</summary>
    public static MediaBridge Connect(MediaLeg first, MediaLeg second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var bridge = new MediaBridge(first, second);
        first.RtpReceived = (ReadOnlySpan<byte> packet, in RtpHeader header) => bridge.Forward(packet, header, first, second, bridge.toSecond, RecorderChannel.Left);
        second.RtpReceived = (ReadOnlySpan<byte> packet, in RtpHeader header) => bridge.Forward(packet, header, second, first, bridge.toFirst, RecorderChannel.Right);
        return bridge;
    }

    /// <summary>
    /// The recorder tap: while set, the audio each leg sends is also queued to it (first leg left, second leg right).
    /// <see cref="CallRecorder.Write"/> never blocks, so the relay never waits for the recording.
    /// </summary>
    public CallRecorder? Recorder
    {
        get => Volatile.Read(ref recorder);
        set => Volatile.Write(ref recorder, value);
    }

    /// <summary>While true nothing is relayed (a prompt such as the recording announcement plays to both legs instead).</summary>
    public bool Paused
    {
        get => Volatile.Read(ref paused);
        set => Volatile.Write(ref paused, value);
    }

    /// <summary>Raised once when the bridge is taken down (the call ended or the legs are re-bridged).</summary>
    public event Action? Disconnected;

    public void Dispose()
    {
        first.RtpReceived = null;
        second.RtpReceived = null;
        Interlocked.Exchange(ref Disconnected, null)?.Invoke();
    }

    private void Forward(ReadOnlySpan<byte> packet, in RtpHeader header, MediaLeg source, MediaLeg target, RtpStreamRewriter rewriter, RecorderChannel channel)
    {
        if (Paused || packet.Length > MaxPacket || source.Negotiation is not { } from || target.Negotiation is not { } to)
        {
            return;
        }

        byte payloadType;
        if (header.PayloadType == from.Codec.PayloadType)
        {
            payloadType = (byte)to.Codec.PayloadType;
            Recorder?.Write(channel, packet, header);
        }
        else if (header.PayloadType == from.TelephoneEventPayloadType && to.TelephoneEventPayloadType is { } events)
        {
            payloadType = (byte)events;
        }
        else
        {
            // Comfort noise, red, or anything the other side did not agree: not forwarded.
            return;
        }

        Span<byte> copy = stackalloc byte[packet.Length];
        packet.CopyTo(copy);
        RtpHeader.WritePayloadType(copy, payloadType);
        rewriter.Rewrite(copy);
        target.TrySendRtp(copy);
    }

    private static RtpStreamRewriter NewRewriter() => new(
        (uint)RandomNumberGenerator.GetInt32(int.MaxValue), 8000, (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue), (uint)RandomNumberGenerator.GetInt32(int.MaxValue));
}
