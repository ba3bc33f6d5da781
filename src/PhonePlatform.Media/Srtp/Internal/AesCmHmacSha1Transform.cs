using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// RFC 3711 AES_CM_128_HMAC_SHA1_80: AES-128 counter mode (§4.1.1) and HMAC-SHA1 truncated to 80 bits (§4.2),
/// for both SRTP and SRTCP. Keeps its AES key schedules and HMAC padded-key states for the life of the session.
/// </summary>
internal sealed class AesCmHmacSha1Transform : SrtpTransform
{
    private const int TagLength = SrtpProfileParameters.HmacSha1TagLength;
    private const int IndexLength = SrtpProfileParameters.SrtcpIndexLength;

    private readonly AesCounterMode rtpCipher;
    private readonly AesCounterMode rtcpCipher;
    private readonly HmacSha1 rtpMac;
    private readonly HmacSha1 rtcpMac;
    private readonly byte[] rtpSalt;
    private readonly byte[] rtcpSalt;

    public AesCmHmacSha1Transform(SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys)
    {
        rtpCipher = new AesCounterMode(rtpKeys.EncryptionKey);
        rtcpCipher = new AesCounterMode(rtcpKeys.EncryptionKey);
        rtpMac = HmacSha1.Create(rtpKeys.AuthenticationKey);
        rtcpMac = HmacSha1.Create(rtcpKeys.AuthenticationKey);
        rtpSalt = rtpKeys.Salt;
        rtcpSalt = rtcpKeys.Salt;
    }

    public override int RtpOverhead => TagLength;

    public override int RtcpOverhead => IndexLength + TagLength;

    public override int ProtectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtpSalt, ssrc, index, iv);
        rtpCipher.Apply(iv, packet[headerLength..length]);

        // RFC 3711 §4.2: the tag covers the authenticated portion followed by the ROC.
        RtpTag(packet[..length], (uint)(index >> 16), packet.Slice(length, TagLength));
        return length + TagLength;
    }

    public override bool UnprotectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index, out int plainLength)
    {
        plainLength = length - TagLength;
        Span<byte> expected = stackalloc byte[TagLength];
        RtpTag(packet[..plainLength], (uint)(index >> 16), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, packet.Slice(plainLength, TagLength)))
        {
            return false;
        }

        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtpSalt, ssrc, index, iv);
        rtpCipher.Apply(iv, packet[headerLength..plainLength]);
        return true;
    }

    public override int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtcpSalt, ssrc, srtcpIndex, iv);
        rtcpCipher.Apply(iv, packet[8..length]);

        // RFC 3711 §3.4: E = 1 (encrypted) and the 31-bit SRTCP index, both authenticated.
        BinaryPrimitives.WriteUInt32BigEndian(packet[length..], 0x8000_0000u | srtcpIndex);
        var authenticated = length + IndexLength;
        RtcpTag(packet[..authenticated], packet.Slice(authenticated, TagLength));
        return authenticated + TagLength;
    }

    public override uint ReadSrtcpIndexWord(ReadOnlySpan<byte> packet, int length) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(length - TagLength - IndexLength)..]);

    public override bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint indexWord, out int plainLength)
    {
        var authenticated = length - TagLength;
        plainLength = authenticated - IndexLength;
        Span<byte> expected = stackalloc byte[TagLength];
        RtcpTag(packet[..authenticated], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, packet.Slice(authenticated, TagLength)))
        {
            return false;
        }

        if ((indexWord & 0x8000_0000u) != 0)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(rtcpSalt, ssrc, indexWord & 0x7FFF_FFFFu, iv);
            rtcpCipher.Apply(iv, packet[8..plainLength]);
        }

        return true;
    }

    /// <summary>RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16).</summary>
    private static void BuildIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        iv.Clear();
        salt.CopyTo(iv);
        iv[4] ^= (byte)(ssrc >> 24);
        iv[5] ^= (byte)(ssrc >> 16);
        iv[6] ^= (byte)(ssrc >> 8);
        iv[7] ^= (byte)ssrc;
        for (var k = 0; k < 6; k++)
        {
            iv[13 - k] ^= (byte)(index >> (8 * k));
        }
    }

    private void RtpTag(ReadOnlySpan<byte> authenticatedPortion, uint roc, Span<byte> tag)
    {
        Span<byte> rocBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        rtpMac.Compute(authenticatedPortion, rocBytes, tag);
    }

    private void RtcpTag(ReadOnlySpan<byte> authenticatedPortion, Span<byte> tag) =>
        rtcpMac.Compute(authenticatedPortion, ReadOnlySpan<byte>.Empty, tag);

    public override void Dispose()
    {
        rtpCipher.Dispose();
        rtcpCipher.Dispose();
    }
}
