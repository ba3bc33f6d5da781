using System.Security.Cryptography;

namespace PhonePlatform.Crypto;

/// <summary>
/// A ciphertext or wrapped key did not authenticate or parse: it was tampered with, truncated, or belongs to another
/// workspace, record, field or blob. The message never contains key material or plaintext.
/// </summary>
public class DecryptionFailedException : CryptographicException
{
    public DecryptionFailedException()
        : base("Decryption failed.")
    {
    }

    public DecryptionFailedException(string message)
        : base(message)
    {
    }

    public DecryptionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
