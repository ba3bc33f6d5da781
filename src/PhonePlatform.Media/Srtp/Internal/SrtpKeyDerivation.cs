namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>RFC 3711 §4.3: the AES-CM pseudo-random function that turns a master key into session keys.</summary>
internal static class SrtpKeyDerivation
{
    // RFC 3711 §4.3.1 (SRTP) and §4.3.2 (SRTCP) labels.
    public const byte RtpEncryptionLabel = 0x00;
    public const byte RtpAuthenticationLabel = 0x01;
    public const byte RtpSaltLabel = 0x02;
    public const byte RtcpEncryptionLabel = 0x03;
    public const byte RtcpAuthenticationLabel = 0x04;
    public const byte RtcpSaltLabel = 0x05;

    /// <summary>
    /// Derives one session key. The key derivation rate is 0 (as DTLS-SRTP uses it), so r = 0 and
    /// key_id = label || 0^48 (§4.3.1); x = key_id XOR master_salt and the PRF is AES-CM keyed with the
    /// master key, started at IV = x * 2^16.
    /// </summary>
    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> destination)
    {
        // A 96-bit AEAD salt (RFC 7714 §11) is the leading part of the 112-bit x, zero padded.
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        masterSalt.CopyTo(iv);

        // key_id is 56 bits, right-aligned in the 112-bit x: the label lands in octet 7.
        iv[7] ^= label;

        using var prf = new AesCounterMode(masterKey);
        prf.Generate(iv, destination);
    }
}
