namespace PhonePlatform.Crypto.Internal;

/// <summary>AES-GCM parameters used everywhere: 96-bit nonces (NIST SP 800-38D §8.2) and full 128-bit tags.</summary>
internal static class AesGcmLayout
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
}
