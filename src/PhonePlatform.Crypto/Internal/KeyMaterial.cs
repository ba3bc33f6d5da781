namespace PhonePlatform.Crypto.Internal;

internal static class KeyMaterial
{
    /// <summary>AES-256 key length in bytes; every data key, index root and master key has it.</summary>
    public const int DataKeySize = 32;
}
