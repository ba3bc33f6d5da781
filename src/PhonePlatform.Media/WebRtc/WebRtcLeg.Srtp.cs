using System.Buffers;
using System.Net;
using System.Net.Sockets;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Srtp;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Media.WebRtc;

/// <summary>Receives one decrypted RTP or RTCP packet; the span is only valid during the call.</summary>
public delegate void MediaPacketHandler(ReadOnlySpan<byte> packet);

// SRTP of the leg (RFC 5764 §4.2: we are the DTLS server, so we protect with the server_write keys): the
// receive loop unprotects, senders protect under a lock so one SRTP context sees one packet at a time.
public sealed partial class WebRtcLeg
{
    private readonly object sendGate = new();
    private SrtpSession? inbound;
    private SrtpSession? outbound;
    private readonly EarlySrtpPackets earlyPackets = new();
    private IPEndPoint? sendingTo;
    private SocketAddress? sendingToAddress;

    /// <summary>Raised on the receive loop for every RTP packet that authenticated and decrypted.</summary>
    public event MediaPacketHandler? RtpReceived;

    /// <summary>Raised on the receive loop for every SRTCP packet that authenticated and decrypted.</summary>
    public event MediaPacketHandler? RtcpReceived;

    /// <summary>
    /// Protects one RTP packet and sends it to the browser; false before DTLS completes, when there is no peer
    /// address yet, or for a packet whose RTP index was already sent (never encrypted twice). Safe from any thread.
    /// </summary>
    public bool TrySendRtp(ReadOnlySpan<byte> rtpPacket) => TrySend(rtpPacket, rtcp: false);

    /// <summary>Protects one RTCP compound packet and sends it to the browser, like <see cref="TrySendRtp"/>.</summary>
    public bool TrySendRtcp(ReadOnlySpan<byte> rtcpPacket) => TrySend(rtcpPacket, rtcp: true);

    /// <summary>
    /// Keys the leg as if DTLS had completed with <paramref name="keys"/>: for the relay load test, which measures
    /// the relay and not the handshake. The leg must have accepted an offer; ICE still has to validate the peer.
    /// </summary>
    internal void UseKeysWithoutHandshake(DtlsSrtpKeys keys)
    {
        OnKeys(keys);
        connected.TrySetResult(keys);
    }

    private void OnKeys(DtlsSrtpKeys keys)
    {
        // SrtpProfile members carry the IANA profile values, so the negotiated id maps directly.
        var material = SrtpKeyingMaterial.FromDtlsExport((SrtpProfile)keys.ProtectionProfile, keys.KeyingMaterial.Span, isServer: true);
        lock (sendGate)
        {
            outbound = material.CreateLocalSession();
        }

        Volatile.Write(ref inbound, material.CreateRemoteSession());
    }

    private void HandleSrtp(byte[] buffer, int length, IPEndPoint source)
    {
        if (!ice!.IsValidatedSource(source))
        {
            Counters.CountRtpDropped();
            MediaDrops.Count(MediaDropReason.UnverifiedSource);
            return;
        }

        var session = Volatile.Read(ref inbound);
        if (session is null)
        {
            earlyPackets.Hold(buffer.AsSpan(0, length), Counters);
            return;
        }

        if (earlyPackets.Count > 0)
        {
            UnprotectHeldPackets(session);
        }

        Unprotect(session, buffer, length);
    }

    private void UnprotectHeldPackets(SrtpSession session) =>
        earlyPackets.Drain(packet => Unprotect(session, packet.Array!, packet.Count));

    private void Unprotect(SrtpSession session, byte[] buffer, int length)
    {
        if (Transport.MediaPacketClassifier.Classify(buffer.AsSpan(0, length)) == Transport.MediaPacketKind.Rtcp)
        {
            if (session.TryUnprotectRtcp(buffer, length, out var plain))
            {
                Counters.CountRtcpReceived();
                RtcpReceived?.Invoke(buffer.AsSpan(0, plain));
            }
            else
            {
                Counters.CountRtpDropped();
                MediaDrops.Count(session.LastDropReason);
            }

            return;
        }

        if (session.TryUnprotectRtp(buffer, length, out var plainLength))
        {
            Counters.CountRtpReceived();
            RtpReceived?.Invoke(buffer.AsSpan(0, plainLength));
        }
        else
        {
            Counters.CountRtpDropped();
            MediaDrops.Count(session.LastDropReason);
        }
    }

    private bool TrySend(ReadOnlySpan<byte> packet, bool rtcp)
    {
        var destination = RemoteEndPoint;
        if (destination is null || Volatile.Read(ref ended) != 0)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(packet.Length + SrtpSession.MaxProtectOverhead);
        try
        {
            packet.CopyTo(buffer);
            int length;
            SocketAddress address;
            lock (sendGate)
            {
                if (outbound is null)
                {
                    return false;
                }

                // Serialised once per destination, not per packet.
                if (!ReferenceEquals(destination, sendingTo))
                {
                    sendingToAddress = destination.Serialize();
                    sendingTo = destination;
                }

                address = sendingToAddress!;

                if (rtcp)
                {
                    length = outbound.ProtectRtcp(buffer, packet.Length);
                }
                else if (!outbound.TryProtectRtp(buffer, packet.Length, out length))
                {
                    // RFC 3711 §9.1: a repeated RTP index would reuse the keystream; a duplicate is dropped instead.
                    Counters.CountRtpSendRefused();
                    return false;
                }
            }

            if (route is not null)
            {
                return route.TrySend(buffer.AsSpan(0, length), address);
            }

            socket!.Socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, address);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or ArgumentException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void DisposeSrtp()
    {
        lock (sendGate)
        {
            outbound?.Dispose();
            outbound = null;
        }

        Interlocked.Exchange(ref inbound, null)?.Dispose();
    }
}
