namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>Key, salt and tag sizes of each profile (RFC 5764 §4.1.2, RFC 7714 §14.2).</summary>
internal static class SrtpProfileParameters
{
    public const int AesCmKeyLength = 16;
    public const int AesCmSaltLength = 14;
    public const int HmacSha1KeyLength = 20;
    public const int HmacSha1TagLength = 10;

    public const int GcmKeyLength = 16;
    public const int GcmSaltLength = 12;
    public const int GcmTagLength = 16;

    /// <summary>RFC 3711 §3.4: the E flag and 31-bit SRTCP index trailing every SRTCP packet.</summary>
    public const int SrtcpIndexLength = 4;

    public static int MasterKeyLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => AesCmKeyLength,
        SrtpProfile.AeadAes128Gcm => GcmKeyLength,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP profile."),
    };

    public static int MasterSaltLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => AesCmSaltLength,
        SrtpProfile.AeadAes128Gcm => GcmSaltLength,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP profile."),
    };
}
