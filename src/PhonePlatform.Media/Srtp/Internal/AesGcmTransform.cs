using System.Buffers.Binary;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// RFC 7714 AEAD_AES_128_GCM for SRTP (§8, §9) and SRTCP (§9.2-§9.4, §10), with a 16-octet tag.
/// Keeps its two <see cref="GcmCipher"/> instances (AES-NI + PCLMULQDQ, or the BCL) for the life of the session.
/// </summary>
internal sealed class AesGcmTransform : SrtpTransform
{
    private const int TagLength = SrtpProfileParameters.GcmTagLength;
    private const int IndexLength = SrtpProfileParameters.SrtcpIndexLength;

    private readonly GcmCipher rtpAead;
    private readonly GcmCipher rtcpAead;
    private readonly byte[] rtpSalt;
    private readonly byte[] rtcpSalt;

    public AesGcmTransform(SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys)
    {
        rtpAead = GcmCipher.Create(rtpKeys.EncryptionKey);
        rtcpAead = GcmCipher.Create(rtcpKeys.EncryptionKey);
        rtpSalt = rtpKeys.Salt;
        rtcpSalt = rtcpKeys.Salt;
    }

    public override int RtpOverhead => TagLength;

    public override int RtcpOverhead => TagLength + IndexLength;

    public override int ProtectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> iv = stackalloc byte[12];
        BuildRtpIv(rtpSalt, ssrc, index, iv);

        // RFC 7714 §8.2: the associated data is the RTP header, CSRCs and extension included.
        var payload = packet[headerLength..length];
        rtpAead.Encrypt(iv, payload, packet.Slice(length, TagLength), packet[..headerLength]);
        return length + TagLength;
    }

    public override bool UnprotectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index, out int plainLength)
    {
        plainLength = length - TagLength;
        Span<byte> iv = stackalloc byte[12];
        BuildRtpIv(rtpSalt, ssrc, index, iv);
        var payload = packet[headerLength..plainLength];
        return rtpAead.TryDecrypt(iv, payload, packet.Slice(plainLength, TagLength), packet[..headerLength]);
    }

    public override int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        Span<byte> iv = stackalloc byte[12];
        BuildRtcpIv(rtcpSalt, ssrc, srtcpIndex, iv);

        // RFC 7714 §9.3 and §17: AAD = first 8 octets || E=1 || SRTCP index; the tag precedes the index on the wire.
        Span<byte> aad = stackalloc byte[8 + IndexLength];
        packet[..8].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], 0x8000_0000u | srtcpIndex);

        var payload = packet[8..length];
        rtcpAead.Encrypt(iv, payload, packet.Slice(length, TagLength), aad);
        aad[8..].CopyTo(packet[(length + TagLength)..]);
        return length + TagLength + IndexLength;
    }

    public override uint ReadSrtcpIndexWord(ReadOnlySpan<byte> packet, int length) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(length - IndexLength)..]);

    public override bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint indexWord, out int plainLength)
    {
        plainLength = length - TagLength - IndexLength;
        Span<byte> iv = stackalloc byte[12];
        BuildRtcpIv(rtcpSalt, ssrc, indexWord & 0x7FFF_FFFFu, iv);
        var tag = packet.Slice(plainLength, TagLength);
        if ((indexWord & 0x8000_0000u) != 0)
        {
            Span<byte> aad = stackalloc byte[8 + IndexLength];
            packet[..8].CopyTo(aad);
            BinaryPrimitives.WriteUInt32BigEndian(aad[8..], indexWord);
            return rtcpAead.TryDecrypt(iv, packet[8..plainLength], tag, aad);
        }

        // RFC 7714 §9.4: unencrypted SRTCP authenticates the whole packet and the index word as AAD.
        // Move the index word next to the packet so the AAD is contiguous; the tag goes to the stack.
        Span<byte> savedTag = stackalloc byte[TagLength];
        tag.CopyTo(savedTag);
        BinaryPrimitives.WriteUInt32BigEndian(packet[plainLength..], indexWord);
        return rtcpAead.TryDecrypt(iv, Span<byte>.Empty, savedTag, packet[..(plainLength + IndexLength)]);
    }

    /// <summary>RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt.</summary>
    private static void BuildRtpIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        iv[0] = 0;
        iv[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(iv[6..], (uint)(index >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(iv[10..], (ushort)index);
        XorSalt(salt, iv);
    }

    /// <summary>RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt.</summary>
    private static void BuildRtcpIv(ReadOnlySpan<byte> salt, uint ssrc, uint srtcpIndex, Span<byte> iv)
    {
        iv[0] = 0;
        iv[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        iv[6] = 0;
        iv[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], srtcpIndex & 0x7FFF_FFFFu);
        XorSalt(salt, iv);
    }

    private static void XorSalt(ReadOnlySpan<byte> salt, Span<byte> iv)
    {
        for (var i = 0; i < iv.Length; i++)
        {
            iv[i] ^= salt[i];
        }
    }

    public override void Dispose()
    {
        rtpAead.Dispose();
        rtcpAead.Dispose();
    }
}
