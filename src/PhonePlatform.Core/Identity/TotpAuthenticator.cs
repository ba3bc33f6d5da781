using OtpNet;

namespace PhonePlatform.Core.Identity;

/// <summary>
/// RFC 6238 TOTP with the parameters authenticator apps expect (HMAC-SHA1, 30 s step, 6 digits),
/// accepting one step of clock drift either side (RFC 6238 §5.2) and each step at most once.
/// </summary>
public sealed class TotpAuthenticator(TimeProvider time)
{
    private const int SecretBytes = 20; // RFC 4226 §4 R6: 160-bit shared secret.

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretBytes);

    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>The otpauth URI an authenticator app reads from a QR code.</summary>
    public static string ProvisioningUri(byte[] secret, string account, string issuer) =>
        new OtpUri(OtpType.Totp, secret, account, issuer).ToString();

    /// <summary>
    /// Verifies <paramref name="code"/> and returns the matched time step, or null when it is wrong
    /// or was already used (its step is not after <paramref name="lastUsedStep"/>).
    /// </summary>
    public long? Verify(byte[] secret, string? code, long lastUsedStep)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(secret);
        var now = time.GetUtcNow().UtcDateTime;
        return totp.VerifyTotp(now, code, out var step, new VerificationWindow(previous: 1, future: 1)) && step > lastUsedStep
            ? step
            : null;
    }

    /// <summary>The code for the current time; for tests and for tools that enrol a device.</summary>
    public string Now(byte[] secret) => new Totp(secret).ComputeTotp(time.GetUtcNow().UtcDateTime);
}
