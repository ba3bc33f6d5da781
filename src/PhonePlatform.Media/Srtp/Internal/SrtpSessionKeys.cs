namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>The session keys of one direction of SRTP or SRTCP (RFC 3711 §4.3): k_e, k_s and, for AES-CM, k_a.</summary>
internal sealed class SrtpSessionKeys
{
    public SrtpSessionKeys(byte[] encryptionKey, byte[] salt, byte[] authenticationKey)
    {
        EncryptionKey = encryptionKey;
        Salt = salt;
        AuthenticationKey = authenticationKey;
    }

    public byte[] EncryptionKey { get; }

    public byte[] Salt { get; }

    public byte[] AuthenticationKey { get; }

    /// <summary>Derives the SRTP (or, with <paramref name="rtcp"/>, SRTCP) session keys of a master key.</summary>
    public static SrtpSessionKeys Derive(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool rtcp)
    {
        var labelBase = rtcp ? SrtpKeyDerivation.RtcpEncryptionLabel : SrtpKeyDerivation.RtpEncryptionLabel;
        var encryptionKey = new byte[SrtpProfileParameters.MasterKeyLength(profile)];
        var salt = new byte[SrtpProfileParameters.MasterSaltLength(profile)];
        var authenticationKey = profile == SrtpProfile.Aes128CmHmacSha1_80
            ? new byte[SrtpProfileParameters.HmacSha1KeyLength]
            : [];

        SrtpKeyDerivation.Derive(masterKey, masterSalt, labelBase, encryptionKey);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, (byte)(labelBase + 2), salt);
        if (authenticationKey.Length > 0)
        {
            SrtpKeyDerivation.Derive(masterKey, masterSalt, (byte)(labelBase + 1), authenticationKey);
        }

        return new SrtpSessionKeys(encryptionKey, salt, authenticationKey);
    }
}
