namespace PhonePlatform.Media.Dtls;

/// <summary>
/// DTLS-SRTP protection profiles this engine negotiates, with their IANA values (RFC 5764 §4.1.2,
/// RFC 7714 §14.2) and the keying material each needs: 2 × (master key + master salt).
/// </summary>
public static class DtlsSrtpProtectionProfile
{
#pragma warning disable CA1707 // The names follow the IANA profile names, where "_80" is the tag length.
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80 {0x00,0x01}: 2 × (16 + 14) = 60 bytes.</summary>
    public const int Aes128CmHmacSha1_80 = 0x0001;

    /// <summary>SRTP_AEAD_AES_128_GCM {0x00,0x07} (RFC 7714 §14.2): 2 × (16 + 12) = 56 bytes.</summary>
    public const int AeadAes128Gcm = 0x0007;
#pragma warning restore CA1707

    /// <summary>The length of the RFC 5764 §4.2 key export for a profile.</summary>
    public static int KeyingMaterialLength(int profile) => profile switch
    {
        Aes128CmHmacSha1_80 => 60,
        AeadAes128Gcm => 56,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "not a profile this engine negotiates"),
    };

    /// <summary>The IANA name of a profile.</summary>
    public static string Name(int profile) => profile switch
    {
        Aes128CmHmacSha1_80 => "SRTP_AES128_CM_HMAC_SHA1_80",
        AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        _ => "0x" + profile.ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
    };
}
