namespace PhonePlatform.Media.Srtp;

/// <summary>
/// SRTP protection profiles, valued as their DTLS-SRTP protection profile ids
/// (RFC 5764 §4.1.2 and RFC 7714 §14.2), so a negotiated id casts straight to a member.
/// </summary>
/// <remarks>
/// RFC 7714 §14.2 registers SRTP_AEAD_AES_128_GCM as {0x00, 0x07}; 0x0008 is SRTP_AEAD_AES_256_GCM,
/// whose 256-bit keys this implementation does not offer.
/// </remarks>
public enum SrtpProfile
{
    // The underscore keeps the RFC's "_80" tag length readable and is the agreed public name.
#pragma warning disable CA1707
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, HMAC-SHA1 truncated to 80 bits (RFC 3711).</summary>
    Aes128CmHmacSha1_80 = 0x0001,
#pragma warning restore CA1707

    /// <summary>SRTP_AEAD_AES_128_GCM: AES-128-GCM with a 128-bit tag (RFC 7714).</summary>
    AeadAes128Gcm = 0x0007,
}
