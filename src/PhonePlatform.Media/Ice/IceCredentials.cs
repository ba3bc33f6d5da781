using System.Security.Cryptography;

namespace PhonePlatform.Media.Ice;

/// <summary>An ICE username fragment and password (RFC 8839 §5.4).</summary>
public sealed record IceCredentials(string Ufrag, string Password)
{
    // RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/".
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>
    /// Random credentials: 8-character ufrag (at least 24 bits of randomness, RFC 8445 §5.3) and a 24-character
    /// password (at least 128 bits); Chromium refuses ufrag shorter than 4 or pwd shorter than 22 characters.
    /// </summary>
    public static IceCredentials Generate() => new(RandomIceString(8), RandomIceString(24));

    /// <summary>True when both values are syntactically valid and long enough (RFC 8839 §5.4).</summary>
    public static bool IsValid(string? ufrag, string? password) =>
        ufrag is { Length: >= 4 and <= 256 } && password is { Length: >= 22 and <= 256 }
        && ufrag.All(IceChars.Contains) && password.All(IceChars.Contains);

    private static string RandomIceString(int length) => RandomNumberGenerator.GetString(IceChars, length);
}
